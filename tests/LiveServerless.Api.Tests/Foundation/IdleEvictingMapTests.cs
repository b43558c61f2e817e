using LiveServerless.Functions;
using Microsoft.Extensions.Time.Testing;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>Per-key state of an instance follows the keys in use: idle entries are dropped, not kept for the life of the process.</summary>
public sealed class IdleEvictingMapTests
{
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void IdleEntries_AreSwept_ByTheNextWriteThatComesDue()
    {
        var map = new IdleEvictingMap<string, int>(IdleAfter, _time);
        for (var i = 0; i < 1_000; i++)
        {
            map.Set($"key-{i}", i);
        }

        _time.Advance(IdleAfter);
        map.Set("fresh", 1);

        Assert.Equal(1, map.Count);
        Assert.False(map.TryGet("key-1", out _));
        Assert.True(map.TryGet("fresh", out var fresh));
        Assert.Equal(1, fresh);
    }

    [Fact]
    public void ReadingAnEntry_KeepsItAlive()
    {
        var map = new IdleEvictingMap<string, int>(IdleAfter, _time);
        map.Set("read", 1);
        map.Set("unread", 2);

        for (var i = 0; i < 4; i++)
        {
            _time.Advance(IdleAfter / 2);
            Assert.True(map.TryGet("read", out _));
        }

        map.Set("other", 3);

        Assert.Equal(2, map.Count);
        Assert.False(map.TryGet("unread", out _));
    }

    [Fact]
    public void AnEntryIdleButNotYetSwept_IsNotReturned()
    {
        var map = new IdleEvictingMap<string, int>(IdleAfter, _time);
        map.Set("key", 1);

        _time.Advance(IdleAfter);

        Assert.False(map.TryGet("key", out _));
    }

    [Fact]
    public void Remove_ForgetsTheEntry()
    {
        var map = new IdleEvictingMap<string, int>(IdleAfter, _time);
        map.Set("key", 1);

        map.Remove("key");

        Assert.Equal(0, map.Count);
    }
}
