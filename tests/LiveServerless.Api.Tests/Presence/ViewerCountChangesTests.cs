using LiveServerless.Functions.Presence;
using Microsoft.Extensions.Time.Testing;

namespace LiveServerless.Api.Tests.Presence;

/// <summary>The last viewer count per room answers heartbeats while the room is watched, and is forgotten once nobody asks for it.</summary>
public sealed class ViewerCountChangesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void LastCount_WhileHeartbeatsAskForIt_IsKept()
    {
        var changes = new ViewerCountChanges(_time);
        changes.RecordCount("t", "r1", 7);

        for (var i = 0; i < 10; i++)
        {
            _time.Advance(ViewerCountChanges.ForgetAfter / 2);
            Assert.Equal(7, changes.LastCount("t", "r1"));
        }
    }

    [Fact]
    public void LastCount_OfARoomNobodyAskedAbout_IsForgotten()
    {
        var changes = new ViewerCountChanges(_time);
        changes.RecordCount("t", "r1", 7);

        _time.Advance(ViewerCountChanges.ForgetAfter);
        changes.RecordCount("t", "r2", 3);

        Assert.Null(changes.LastCount("t", "r1"));
        Assert.Equal(3, changes.LastCount("t", "r2"));
    }
}
