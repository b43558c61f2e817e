using LiveServerless.Domain.Common;
using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Follows;
using LiveServerless.Services.Tests.Infrastructure;

namespace LiveServerless.Services.Tests;

/// <summary>
/// The chat gate as posting enforces it (RoomLogWriter + ChatPost over the stores): every refusal the end-to-end ChatTests reach
/// through DevHost, here through <c>ChatService</c> directly.
/// </summary>
[Collection(AppServicesCollection.Name)]
public sealed class ChatRulesTests(AppServicesFixture app)
{
    [Fact]
    public async Task Post_InALiveRoom_IsStoredInHistory_WithItsSender()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("alice");

        var posted = await room.PostAsync("alice", "hello");

        Assert.Equal("alice", posted.UserId);
        Assert.Equal("Display alice", posted.DisplayName);
        Assert.Equal(room.RoomId, posted.RoomId);
        Assert.Equal([posted.Id], (await room.HistoryAsync()).Select(m => m.Id));
    }

    [Theory]
    [InlineData(ModerationKind.Mute, 60, ModerationKind.Unmute)]
    [InlineData(ModerationKind.Ban, null, ModerationKind.Unban)]
    public async Task Post_ByAMutedOrBannedUser_IsForbidden_UntilLifted(ModerationKind action, int? durationSeconds, ModerationKind lift)
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("mallory");

        await room.ModerateAsync(room.Host, action, userId: "mallory", durationSeconds: durationSeconds);
        await Assert.ThrowsAsync<ForbiddenException>(() => room.PostAsync("mallory", "unwelcome words"));
        await room.ModerateAsync(room.Partner, lift, userId: "mallory");

        await room.PostAsync("mallory", "free again");
        Assert.Equal(["free again"], (await room.HistoryAsync()).Select(m => m.Text));
    }

    [Fact]
    public async Task Post_BeyondTheBurst_IsRateLimited_WithARetryAfter()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("dave");

        var accepted = 0;
        RateLimitedException? limited = null;
        for (var i = 0; i < 12 && limited is null; i++)
        {
            limited = await Record.ExceptionAsync(() => room.PostAsync("dave", $"flood {i}")) as RateLimitedException;
            accepted += limited is null ? 1 : 0;
        }

        Assert.NotNull(limited);
        Assert.True(limited.RetryAfter > TimeSpan.Zero, "the refusal must say how long to wait");
        Assert.InRange(accepted, 5, 11);
    }

    [Fact]
    public async Task Post_UnderSlowMode_RefusesTheSecondMessageWithinTheWindow_ButNotForStaff()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("erin");
        await room.ModerateAsync(room.Host, ModerationKind.SlowMode, slowModeSeconds: 30);

        await room.PostAsync("erin", "one");
        var second = await Assert.ThrowsAsync<RateLimitedException>(() => room.PostAsync("erin", "two"));

        Assert.InRange(second.RetryAfter.TotalSeconds, 1, 30);
        await room.PostAsync(LiveRoom.HostId, "host 1");
        await room.PostAsync(LiveRoom.HostId, "host 2");
    }

    [Fact]
    public async Task Post_InAFollowersOnlyRoom_RefusesNonFollowers_AndAcceptsFollowersAndTheHost()
    {
        var room = await LiveRoom.StartAsync(app, LiveRoom.Settings(followersOnly: true));
        await room.AddUserAsync("fan");
        await room.AddUserAsync("stranger");
        await app.Get<FollowStore>().FollowAsync(room.TenantId, new Follow("fan", LiveRoom.HostId, DateTimeOffset.UtcNow), CancellationToken.None);

        await Assert.ThrowsAsync<ForbiddenException>(() => room.PostAsync("stranger", "hi"));
        await room.PostAsync("fan", "hi");
        await room.PostAsync(LiveRoom.HostId, "host may always speak");
    }

    [Fact]
    public async Task Post_WithABannedWordOrTooLong_IsRefusedOnTheTextField()
    {
        var room = await LiveRoom.StartAsync(app, LiveRoom.Settings(maxMessageLength: 20, bannedWords: ["spoiler"]));
        await room.AddUserAsync("hana");

        var bannedWord = await Assert.ThrowsAsync<ValidationException>(() => room.PostAsync("hana", "huge SPOILER ahead"));
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => room.PostAsync("hana", new string('a', 21)));

        Assert.Contains("text", bannedWord.Errors.Keys);
        Assert.Contains("text", tooLong.Errors.Keys);
        await room.PostAsync("hana", "no spoilers here");
    }

    [Fact]
    public async Task Post_AfterTheRoomEnded_IsAConflict()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("hana");
        await room.PostAsync("hana", "before the end");

        await room.EndAsync();

        await Assert.ThrowsAsync<ConflictException>(() => room.PostAsync("hana", "too late"));
    }

    [Fact]
    public async Task Post_AfterTheRoomTurnsFollowersOnly_IsJudgedOnTheNewSetting()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("stranger");
        await room.PostAsync("stranger", "before");

        await room.ChangeAsync(new RoomChanges(default, default, default, default, default, FollowersOnly: true, default));

        await Assert.ThrowsAsync<ForbiddenException>(() => room.PostAsync("stranger", "after"));
        Assert.Equal(["before"], (await room.HistoryAsync()).Select(m => m.Text));
    }
}
