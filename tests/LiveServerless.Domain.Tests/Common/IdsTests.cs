using FsCheck;
using FsCheck.Fluent;
using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Tests.Common;

public sealed class IdsTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("A-b_9")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void IsValid_SafeIds_AreAccepted(string id) => Assert.True(Ids.IsValid(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("é")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void IsValid_UnsafeIds_AreRefused(string? id) => Assert.False(Ids.IsValid(id));

    [Fact]
    public void New_IsValid_AndTimeOrdered()
    {
        var first = Ids.New();
        // UUID v7 orders by millisecond only: wait for the clock to leave the first id's millisecond, not for a fixed time.
        var firstMillisecond = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(first[..12], 16));
        SpinWait.SpinUntil(() => DateTimeOffset.UtcNow >= firstMillisecond.AddMilliseconds(1));
        var second = Ids.New();

        Assert.True(Ids.IsValid(first));
        Assert.True(string.CompareOrdinal(first, second) < 0);
    }

    [Fact]
    public void IsValid_NeverAcceptsTableKeyForbiddenCharacters() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), s =>
            !Ids.IsValid(s) || !s.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))).QuickCheckThrowOnFailure();
}
