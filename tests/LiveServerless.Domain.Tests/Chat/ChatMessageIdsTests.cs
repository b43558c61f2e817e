using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Tests.Chat;

public sealed class ChatMessageIdsTests
{
    [Fact]
    public void New_LaterMessagesSortFirst()
    {
        var now = DateTimeOffset.UtcNow;

        var older = ChatMessageIds.New(now);
        var newer = ChatMessageIds.New(now.AddMilliseconds(1));

        Assert.True(string.CompareOrdinal(newer, older) < 0);
    }

    [Fact]
    public void New_IsAValidId_AndWellFormed()
    {
        var id = ChatMessageIds.New(DateTimeOffset.UtcNow);

        Assert.True(Ids.IsValid(id));
        Assert.True(ChatMessageIds.IsWellFormed(id));
        Assert.False(ChatMessageIds.IsWellFormed("alice"));
        Assert.False(ChatMessageIds.IsWellFormed(id.ToUpperInvariant() + "x"));
    }

    [Fact]
    public void ForSeq_LaterSeqsSortFirst_BeforeEveryTimeBasedId_AndAreWellFormed()
    {
        var first = ChatMessageIds.ForSeq(1);
        var second = ChatMessageIds.ForSeq(2);
        var far = ChatMessageIds.ForSeq(999_999_999_999_999_999);

        Assert.True(string.CompareOrdinal(second, first) < 0);
        Assert.True(string.CompareOrdinal(far, second) < 0);
        Assert.True(string.CompareOrdinal(first, ChatMessageIds.New(DateTimeOffset.UtcNow.AddYears(100))) < 0);
        Assert.True(ChatMessageIds.IsWellFormed(first) && Ids.IsValid(first));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChatMessageIds.ForSeq(0));
    }
}
