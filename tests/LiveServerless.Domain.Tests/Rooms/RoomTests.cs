using LiveServerless.Domain.Common;
using LiveServerless.Domain.Rooms;

namespace LiveServerless.Domain.Tests.Rooms;

public sealed class RoomTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static Room NewRoom(string? title = "Jazz night") =>
        Room.Create("t1", new NewRoom("r1", "alice", title, " Music ", ["Jazz"], 5, null, true, ["Spam", "spam "]), Now);

    [Fact]
    public void Create_StartsScheduled_WithChatDefaults()
    {
        var room = Room.Create("t1", new NewRoom(null, "alice", "Hi", null, null, null, null, null, null), Now);

        Assert.Equal(RoomStatus.Scheduled, room.Status);
        Assert.Equal(ChatSettings.Default, room.Chat);
        Assert.Null(room.StartedAt);
    }

    [Fact]
    public void Create_NormalisesCategoryTagsAndBannedWords()
    {
        var room = NewRoom();

        Assert.Equal("music", room.Category);
        Assert.Equal(["jazz"], room.Tags);
        Assert.Equal(["spam"], room.Chat.BannedWords);
        Assert.True(room.Chat.FollowersOnly);
        Assert.Equal(5, room.Chat.SlowModeSeconds);
    }

    [Theory]
    [InlineData(-1, null, "slowModeSeconds")]
    [InlineData(3601, null, "slowModeSeconds")]
    [InlineData(null, 0, "maxMessageLength")]
    [InlineData(null, 2001, "maxMessageLength")]
    public void Create_OutOfRangeChatSettings_AreInvalid(int? slowMode, int? maxLength, string field)
    {
        var error = Assert.Throws<ValidationException>(() =>
            Room.Create("t1", new NewRoom(null, "alice", "Hi", null, null, slowMode, maxLength, null, null), Now));

        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public void Create_MissingHostAndTitle_AreBothReported()
    {
        var error = Assert.Throws<ValidationException>(() => Room.Create("t1", new NewRoom(null, null, null, null, null, null, null, null, null), Now));

        Assert.Equal(["hostUserId", "title"], error.Errors.Keys.Order());
    }

    [Fact]
    public void Lifecycle_ScheduledLiveEnded_RecordsTimestamps()
    {
        var live = NewRoom().Start(Now.AddMinutes(1));
        var ended = live.End(Now.AddMinutes(2));

        Assert.Equal(RoomStatus.Live, live.Status);
        Assert.Equal(Now.AddMinutes(1), live.StartedAt);
        Assert.Equal(RoomStatus.Ended, ended.Status);
        Assert.Equal(Now.AddMinutes(2), ended.EndedAt);
    }

    [Fact]
    public void Start_WhenLiveOrEnded_IsAConflict()
    {
        var live = NewRoom().Start(Now);

        Assert.Throws<ConflictException>(() => live.Start(Now));
        Assert.Throws<ConflictException>(() => live.End(Now).Start(Now));
    }

    [Fact]
    public void End_Scheduled_CancelsTheRoom_ButNotTwice()
    {
        var ended = NewRoom().End(Now);

        Assert.Equal(RoomStatus.Ended, ended.Status);
        Assert.Null(ended.StartedAt);
        Assert.Throws<ConflictException>(() => ended.End(Now));
    }

    [Fact]
    public void Apply_ChangesOnlyWhatIsSet()
    {
        var room = NewRoom();

        var updated = room.Apply(new RoomChanges("New title", default, default, 0, 100, default, default), Now.AddMinutes(1));

        Assert.Equal("New title", updated.Title);
        Assert.Equal(room.Tags, updated.Tags);
        Assert.Equal(room.Chat with { SlowModeSeconds = 0, MaxMessageLength = 100 }, updated.Chat);
    }

    [Fact]
    public void Apply_ToEndedRoom_IsRefused()
    {
        var ended = NewRoom().End(Now);

        var error = Assert.Throws<ValidationException>(() => ended.Apply(new RoomChanges("x", default, default, default, default, default, default), Now));

        Assert.Contains("status", error.Errors.Keys);
    }
}
