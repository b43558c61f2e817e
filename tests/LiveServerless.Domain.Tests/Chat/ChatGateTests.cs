using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Rooms;

namespace LiveServerless.Domain.Tests.Chat;

public sealed class ChatGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 20, 0, 0, TimeSpan.Zero);

    private static Room LiveRoom(int slowMode = 0, bool followersOnly = false, string[]? banned = null, int maxLength = 500) =>
        Room.Create("t", new NewRoom("r", "host", "Room", null, null, slowMode, maxLength, followersOnly, banned), Now).Start(Now);

    private static ChatAttempt Attempt(Room room, string text = "hello", bool staff = false) =>
        new(room, "viewer", staff, text, BannedSince: null, MutedUntil: null, SenderFollowsHost: false, SendersPreviousMessageAt: null, Now);

    [Fact]
    public void Check_AcceptableMessage_ReturnsTheTrimmedText() => Assert.Equal("hello", ChatGate.Check(Attempt(LiveRoom(), "  hello  ")));

    [Fact]
    public void Check_RoomNotLive_IsAConflict()
    {
        var scheduled = Room.Create("t", new NewRoom("r", "host", "Room", null, null, null, null, null, null), Now);

        Assert.Throws<ConflictException>(() => ChatGate.Check(Attempt(scheduled)));
        Assert.Throws<ConflictException>(() => ChatGate.Check(Attempt(LiveRoom().End(Now))));
    }

    [Fact]
    public void Check_Banned_IsForbidden() =>
        Assert.Throws<ForbiddenException>(() => ChatGate.Check(Attempt(LiveRoom()) with { BannedSince = Now.AddDays(-1) }));

    [Fact]
    public void Check_MutedUntilLater_IsForbidden_ButAnExpiredMuteIsNot()
    {
        Assert.Throws<ForbiddenException>(() => ChatGate.Check(Attempt(LiveRoom()) with { MutedUntil = Now.AddMinutes(1) }));
        Assert.Equal("hello", ChatGate.Check(Attempt(LiveRoom()) with { MutedUntil = Now.AddSeconds(-1) }));
    }

    [Fact]
    public void Check_FollowersOnly_AdmitsFollowersAndStaff()
    {
        var room = LiveRoom(followersOnly: true);

        Assert.Throws<ForbiddenException>(() => ChatGate.Check(Attempt(room)));
        Assert.Equal("hello", ChatGate.Check(Attempt(room) with { SenderFollowsHost = true }));
        Assert.Equal("hello", ChatGate.Check(Attempt(room, staff: true)));
    }

    [Fact]
    public void Check_SlowMode_SaysHowLongToWait_AndExemptsStaff()
    {
        var room = LiveRoom(slowMode: 30);

        var limited = Assert.Throws<RateLimitedException>(() => ChatGate.Check(Attempt(room) with { SendersPreviousMessageAt = Now.AddSeconds(-10) }));

        Assert.Equal(TimeSpan.FromSeconds(20), limited.RetryAfter);
        Assert.Equal("hello", ChatGate.Check(Attempt(room) with { SendersPreviousMessageAt = Now.AddSeconds(-30) }));
        Assert.Equal("hello", ChatGate.Check(Attempt(room, staff: true) with { SendersPreviousMessageAt = Now.AddSeconds(-1) }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bell\u0007")]
    [InlineData("this is far too long")]
    [InlineData("what a SPOILER")]
    [InlineData("spoiler!")]
    public void Check_UnacceptableText_IsAFieldError(string text)
    {
        var error = Assert.Throws<ValidationException>(() => ChatGate.Check(Attempt(LiveRoom(banned: ["spoiler"], maxLength: 15), text)));

        Assert.Equal(["text"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("a classic", false)]
    [InlineData("no spoilers", false)]
    [InlineData("spoiler", true)]
    [InlineData("(Spoiler)", true)]
    public void ContainsBannedWord_MatchesWholeWordsOnly(string text, bool expected) =>
        Assert.Equal(expected, ChatGate.ContainsBannedWord(text, ["spoiler", "ass"]));
}
