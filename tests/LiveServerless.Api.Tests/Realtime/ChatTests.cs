using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Functions.Follows;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Api.Tests.Realtime;

/// <summary>Chat through DevHost and the SignalR emulator, with the official .NET SignalR client negotiating through our API.</summary>
[Collection(DevHostCollection.Name)]
public sealed class ChatTests(DevHostFixture fixture)
{
    [Fact]
    public async Task TwoUsersInARoom_ReceiveEachOthersMessages_InSendOrder()
    {
        var room = await LiveRoomAsync();
        var (alice, aliceLive) = await ViewerAsync(room, "alice");
        var (bob, bobLive) = await ViewerAsync(room, "bob");
        await using var aliceLiveScope = aliceLive;
        await using var bobLiveScope = bobLive;

        var sent = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            sent.Add((await PostAsync(alice, room, $"alice {i}")).GetProperty("id").GetString()!);
            sent.Add((await PostAsync(bob, room, $"bob {i}")).GetProperty("id").GetString()!);
        }

        foreach (var client in new[] { aliceLive, bobLive })
        {
            await client.WaitForMessageAsync("bob 3");
            Assert.Equal(sent, client.Of("chatMessage").Select(m => m.GetProperty("id").GetString()!).ToList());
        }

        var message = aliceLive.Of("chatMessage").First(m => m.GetProperty("text").GetString() == "bob 0");
        Assert.Equal("bob", message.GetProperty("userId").GetString());
        Assert.Equal("Display bob", message.GetProperty("displayName").GetString());
        Assert.Equal(room.RoomId, message.GetProperty("roomId").GetString());
        Assert.True(message.TryGetProperty("sentAt", out _));
    }

    [Fact]
    public async Task AUserInAnotherRoom_ReceivesNothing()
    {
        var room = await LiveRoomAsync();
        var otherRoomId = await room.Tenant.CreateRoomAsync(room.HostId);
        await room.Tenant.StartRoomAsync(otherRoomId);
        var (alice, _) = await ViewerAsync(room, "alice", connect: false);
        var outsider = await JoinedClientAsync(room.Tenant, otherRoomId, "outsider");
        await using var outsiderLive = outsider.Live;

        await PostAsync(alice, room, "not for you");
        await PostAsync(outsider.Api, new LiveRoom(room.Tenant, room.HostId, otherRoomId, room.Host), "marker");

        await outsiderLive.WaitForMessageAsync("marker");
        Assert.DoesNotContain(outsiderLive.Of("chatMessage"), m => m.GetProperty("text").GetString() == "not for you");
    }

    [Fact]
    public async Task MutedOrBannedUser_Gets403_AndNothingIsPushed()
    {
        var room = await LiveRoomAsync();
        var (mallory, _) = await ViewerAsync(room, "mallory", connect: false);
        var (watcher, watcherLive) = await ViewerAsync(room, "watcher");
        await using var watcherLiveScope = watcherLive;

        (await room.Host.PostAsync($"/api/rooms/{room.RoomId}/moderation", new { action = "mute", userId = "mallory", durationSeconds = 60 })).EnsureStatus(201);
        await (await mallory.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "muted words" })).AssertProblemAsync(403);
        var muted = await watcherLive.WaitForAsync("moderation", m => m.GetProperty("action").GetString() == "mute");
        Assert.Equal("mallory", muted.GetProperty("userId").GetString());
        Assert.True(muted.GetProperty("until").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        (await room.Tenant.Partner.PostAsync($"/api/rooms/{room.RoomId}/moderation", new { action = "ban", userId = "mallory", reason = "spam" })).EnsureStatus(201);
        await (await mallory.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "banned words" })).AssertProblemAsync(403);
        await (await mallory.PostAsync($"/api/rooms/{room.RoomId}/join", body: null)).AssertProblemAsync(403);

        await PostAsync(watcher, room, "marker");
        await watcherLive.WaitForMessageAsync("marker");
        Assert.DoesNotContain(watcherLive.Of("chatMessage"), m => m.GetProperty("userId").GetString() == "mallory");
        var history = await (await watcher.GetAsync($"/api/rooms/{room.RoomId}/messages")).JsonAsync();
        Assert.DoesNotContain(history.GetProperty("items").EnumerateArray(), m => m.GetProperty("userId").GetString() == "mallory");
    }

    [Fact]
    public async Task Unban_And_Unmute_LetTheUserSpeakAgain()
    {
        var room = await LiveRoomAsync();
        var (carol, _) = await ViewerAsync(room, "carol", connect: false);
        var moderate = (object body) => room.Tenant.Partner.PostAsync($"/api/rooms/{room.RoomId}/moderation", body);

        (await moderate(new { action = "ban", userId = "carol" })).EnsureStatus(201);
        (await moderate(new { action = "unban", userId = "carol" })).EnsureStatus(201);
        (await moderate(new { action = "mute", userId = "carol", durationSeconds = 600 })).EnsureStatus(201);
        (await moderate(new { action = "unmute", userId = "carol" })).EnsureStatus(201);

        (await carol.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "free again" })).EnsureStatus(201);
        var log = await (await room.Tenant.Partner.GetAsync($"/api/rooms/{room.RoomId}/moderation")).JsonAsync();
        Assert.Equal(["unmute", "mute", "unban", "ban"], log.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        Assert.All(log.GetProperty("items").EnumerateArray(), a => Assert.Equal("partner", a.GetProperty("by").GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task RateLimit_Answers429_WithRetryAfter()
    {
        var room = await LiveRoomAsync();
        var (dave, _) = await ViewerAsync(room, "dave", connect: false);

        var statuses = new List<int>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 12 && limited is null; i++)
        {
            var response = await dave.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = $"flood {i}" });
            statuses.Add((int)response.StatusCode);
            limited = (int)response.StatusCode == 429 ? response : null;
        }

        Assert.NotNull(limited);
        await limited.AssertProblemAsync(429);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must say how long to wait");
        Assert.All(statuses[..^1], status => Assert.Equal(201, status));
    }

    [Fact]
    public async Task SlowMode_RefusesTheSecondMessageWithinTheWindow_ButNotForStaff()
    {
        var room = await LiveRoomAsync();
        var (erin, erinLive) = await ViewerAsync(room, "erin");
        await using var erinLiveScope = erinLive;

        (await room.Host.PostAsync($"/api/rooms/{room.RoomId}/moderation", new { action = "slowMode", slowModeSeconds = 30 })).EnsureStatus(201);
        var pushed = await erinLive.WaitForAsync("moderation", m => m.GetProperty("action").GetString() == "slowMode");
        Assert.Equal(30, pushed.GetProperty("slowModeSeconds").GetInt32());

        (await erin.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "one" })).EnsureStatus(201);
        var second = await erin.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "two" });
        await second.AssertProblemAsync(429);
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 30);
        (await room.Host.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "host 1" })).EnsureStatus(201);
        (await room.Host.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "host 2" })).EnsureStatus(201);
    }

    [Fact]
    public async Task DeletedMessage_IsPushedAsDeleted_AndDisappearsFromHistory()
    {
        var room = await LiveRoomAsync();
        var (frank, frankLive) = await ViewerAsync(room, "frank");
        await using var frankLiveScope = frankLive;
        var doomed = (await PostAsync(frank, room, "regrettable")).GetProperty("id").GetString()!;
        await PostAsync(frank, room, "fine");

        (await room.Host.DeleteAsync($"/api/rooms/{room.RoomId}/messages/{doomed}")).EnsureStatus(204);

        var deleted = await frankLive.WaitForAsync("messageDeleted");
        Assert.Equal(doomed, deleted.GetProperty("id").GetString());
        Assert.Equal(room.RoomId, deleted.GetProperty("roomId").GetString());
        var history = await (await frank.GetAsync($"/api/rooms/{room.RoomId}/messages")).JsonAsync();
        Assert.Equal(["fine"], history.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        await (await room.Host.DeleteAsync($"/api/rooms/{room.RoomId}/messages/{doomed}")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task OrdinaryViewer_CannotModerate_ButATenantModeratorCan()
    {
        var room = await LiveRoomAsync();
        var (viewer, _) = await ViewerAsync(room, "viewer", connect: false);
        await room.Tenant.CreateUserAsync("mod", role: "moderator");
        var moderator = await room.Tenant.AsUserAsync("mod");

        await (await viewer.PostAsync($"/api/rooms/{room.RoomId}/moderation", new { action = "clear" })).AssertProblemAsync(403);
        await (await viewer.GetAsync($"/api/rooms/{room.RoomId}/moderation")).AssertProblemAsync(403);
        var cleared = await moderator.PostAsync($"/api/rooms/{room.RoomId}/moderation", new { action = "clear" });
        cleared.EnsureStatus(201);
        var action = await cleared.JsonAsync();
        Assert.Equal("user", action.GetProperty("by").GetProperty("kind").GetString());
        Assert.Equal("mod", action.GetProperty("by").GetProperty("id").GetString());
        var history = await (await viewer.GetAsync($"/api/rooms/{room.RoomId}/messages")).JsonAsync();
        Assert.Empty(history.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task PinnedMessage_IsPushed_AndReturnedToLateJoiners()
    {
        var room = await LiveRoomAsync();
        var (gina, ginaLive) = await ViewerAsync(room, "gina");
        await using var ginaLiveScope = ginaLive;
        var message = (await PostAsync(room.Host, room, "welcome all")).GetProperty("id").GetString()!;

        (await room.Host.PostAsync($"/api/rooms/{room.RoomId}/moderation", new { action = "pin", messageId = message, durationSeconds = 120 })).EnsureStatus(201);

        var pinned = await ginaLive.WaitForAsync("pinned");
        Assert.Equal("welcome all", pinned.GetProperty("message").GetProperty("text").GetString());
        var (late, _) = await ViewerAsync(room, "late", connect: false);
        var joined = await (await late.PostAsync($"/api/rooms/{room.RoomId}/join", body: null)).JsonAsync();
        Assert.Equal(message, joined.GetProperty("pinned").GetProperty("message").GetProperty("id").GetString());

        (await room.Host.PostAsync($"/api/rooms/{room.RoomId}/moderation", new { action = "unpin" })).EnsureStatus(201);
        var unpinned = await ginaLive.WaitForAsync("pinned", p => p.GetProperty("message").ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unpinned.GetProperty("expiresAt").ValueKind);
    }

    [Fact]
    public async Task FollowersOnly_RefusesNonFollowers_AndAcceptsFollowers()
    {
        var room = await LiveRoomAsync();
        (await room.Tenant.Partner.PatchAsync($"/api/rooms/{room.RoomId}", new { followersOnly = true })).EnsureStatus(200);
        var (fan, _) = await ViewerAsync(room, "fan", connect: false);
        var (stranger, _) = await ViewerAsync(room, "stranger", connect: false);
        await fixture.AppServices.GetRequiredService<FollowStore>()
            .FollowAsync(room.Tenant.Id, new Follow("fan", room.HostId, DateTimeOffset.UtcNow), CancellationToken.None);

        await (await stranger.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "hi" })).AssertProblemAsync(403);
        (await fan.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "hi" })).EnsureStatus(201);
        (await room.Host.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "host may always speak" })).EnsureStatus(201);
    }

    [Fact]
    public async Task ChatOnARoomThatIsNotLive_IsAConflict_AndBannedWordsAreRefused()
    {
        var room = await LiveRoomAsync();
        (await room.Tenant.Partner.PatchAsync($"/api/rooms/{room.RoomId}", new { bannedWords = new[] { "spoiler" } })).EnsureStatus(200);
        var (hana, _) = await ViewerAsync(room, "hana", connect: false);

        await (await hana.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "huge SPOILER ahead" })).AssertFieldErrorAsync("text");
        (await hana.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "no spoilers here" })).EnsureStatus(201);
        (await room.Tenant.Partner.PostAsync($"/api/rooms/{room.RoomId}/end", body: null)).EnsureStatus(200);
        await (await hana.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text = "too late" })).AssertProblemAsync(409);
    }

    private async Task<LiveRoom> LiveRoomAsync()
    {
        var tenant = await fixture.NewTenantAsync();
        var hostId = await tenant.CreateUserAsync("host", role: "host", displayName: "Display host");
        var roomId = await tenant.CreateRoomAsync(hostId);
        await tenant.StartRoomAsync(roomId);
        return new LiveRoom(tenant, hostId, roomId, await tenant.AsUserAsync(hostId));
    }

    /// <summary>A new user of the room's tenant, joined to the room, with (optionally) a live SignalR connection.</summary>
    private async Task<(ApiClient Api, RealtimeClient Live)> ViewerAsync(LiveRoom room, string userId, bool connect = true)
    {
        var joined = await JoinedClientAsync(room.Tenant, room.RoomId, userId, connect);
        return (joined.Api, joined.Live);
    }

    private async Task<(ApiClient Api, RealtimeClient Live)> JoinedClientAsync(Tenant tenant, string roomId, string userId, bool connect = true)
    {
        await tenant.CreateUserAsync(userId, displayName: $"Display {userId}");
        var token = await tenant.MintTokenAsync(userId);
        var api = fixture.Admin.WithBearer(token);
        var live = connect ? await RealtimeClient.ConnectAsync(fixture.Host.BaseAddress, token) : null!;
        (await api.PostAsync($"/api/rooms/{roomId}/join", body: null)).EnsureStatus(200);
        return (api, live);
    }

    private static async Task<System.Text.Json.JsonElement> PostAsync(ApiClient user, LiveRoom room, string text)
    {
        var response = await user.PostAsync($"/api/rooms/{room.RoomId}/messages", new { text });
        response.EnsureStatus(201);
        return await response.JsonAsync();
    }

    private sealed record LiveRoom(Tenant Tenant, string HostId, string RoomId, ApiClient Host);
}
