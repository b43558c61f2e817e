using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Rooms;
using LiveServerless.Domain.Users;

namespace LiveServerless.Domain.Tests.Chat;

public sealed class RoomChatStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static RoomChatState State(int slowMode = 0) =>
        new(Room.Create("t", new NewRoom("r", "host", "Room", null, null, slowMode, null, null, null), Now).Start(Now));

    [Fact]
    public void AFork_SeesItsParent_AndChangesItOnlyWhenMerged()
    {
        var state = State(slowMode: 10);
        state.Remember("ann", Chatter.Unknown);
        var fork = state.Fork();

        fork.Spoke("ann", Now);

        Assert.True(fork.Knows("ann"));
        Assert.Equal(Now, fork.Of("ann").LastMessageAt);
        Assert.Null(state.Of("ann").LastMessageAt);
        fork.MergeInto(state);
        Assert.Equal(Now, state.Of("ann").LastMessageAt);
    }

    [Fact]
    public void SlowMode_JudgesASecondMessageInTheSameBatch()
    {
        var state = State(slowMode: 10);
        state.Remember("ann", Chatter.Unknown);
        var fork = state.Fork();

        Assert.Equal("hi", ChatGate.Check(fork.Attempt("ann", UserRole.Viewer, "hi", senderFollowsHost: false, Now)));
        fork.Spoke("ann", Now);

        var wait = Assert.Throws<RateLimitedException>(() => ChatGate.Check(fork.Attempt("ann", UserRole.Viewer, "again", false, Now.AddSeconds(3))));
        Assert.Equal(TimeSpan.FromSeconds(7), wait.RetryAfter);
        Assert.Equal("host", ChatGate.Check(fork.Attempt("host", UserRole.Viewer, "host", false, Now.AddSeconds(3))));
    }

    [Theory]
    [InlineData("ban", true, false)]
    [InlineData("mute", false, true)]
    public void Moderation_AndItsLifting_ChangeWhoMayWrite(string action, bool banned, bool muted)
    {
        var state = State();
        state.Remember("ann", Chatter.Unknown);

        state.Moderated(action, "ann", Now, Now.AddMinutes(5));

        Assert.Equal(banned, state.Of("ann").BannedSince is not null);
        Assert.Equal(muted, state.Of("ann").MutedUntil is not null);
        Assert.Throws<ForbiddenException>(() => ChatGate.Check(state.Attempt("ann", UserRole.Viewer, "hi", false, Now)));
        state.Moderated("un" + action, "ann", Now, null);
        Assert.Equal("hi", ChatGate.Check(state.Attempt("ann", UserRole.Viewer, "hi", false, Now)));
    }

    [Fact]
    public void EventsAboutChattersItDoesNotKnow_AreLeftToStorage()
    {
        var state = State();

        state.Spoke("stranger", Now);
        state.Moderated("ban", "stranger", Now, null);

        Assert.False(state.Knows("stranger"));
        Assert.Equal(0, state.ChatterCount);
    }

    [Fact]
    public void LastMessageTime_NeverMovesBack_WhenInstancesClocksDisagree()
    {
        var state = State();
        state.Remember("ann", Chatter.Unknown);

        state.Spoke("ann", Now);
        state.Spoke("ann", Now.AddSeconds(-2));

        Assert.Equal(Now, state.Of("ann").LastMessageAt);
    }
}
