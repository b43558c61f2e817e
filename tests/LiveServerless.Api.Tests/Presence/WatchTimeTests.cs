using System.Text.Json;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.DevHost.Local;

namespace LiveServerless.Api.Tests.Presence;

/// <summary>
/// Watch time is measured by the server from join, heartbeats and leave; a client cannot claim it. Room statistics and the viewer's
/// profile count at most the time the server saw the viewer in the room.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class WatchTimeTests(DevHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AViewerWhoNeverJoined_CannotClaimWatchTime()
    {
        var (tenant, roomId) = await LiveRoomAsync();
        var viewer = await tenant.AsUserAsync(await tenant.CreateUserAsync("claimer"));

        var single = await (await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "watch", seconds = 600 })).AssertProblemAsync(400);
        await (await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new
        {
            events = new object[] { new { type = "like" }, new { type = "watch", seconds = 600 } },
        })).AssertFieldErrorAsync("events[1].type");
        (await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "like" })).EnsureStatus(202);

        Assert.Contains("measured by the server", single.GetProperty("errors").GetProperty("type")[0].GetString(), StringComparison.Ordinal);
        var stats = await EventuallyAsync(() => StatsAsync(tenant, roomId), s => s.GetProperty("likes").GetInt64() == 1);
        Assert.Equal(0, stats.GetProperty("watchSeconds").GetInt64());
        var profile = await EventuallyAsync(ProfileAsync(tenant, "claimer"), p => p.GetProperty("engagement").GetProperty("interactions").GetInt64() == 1);
        Assert.Equal(0, profile.GetProperty("engagement").GetProperty("watchSeconds").GetInt64());
    }

    [Fact]
    public async Task AViewerWhoJoinsAndLeaves_GetsNoMoreWatchTimeThanTheServerSaw()
    {
        var (tenant, roomId) = await LiveRoomAsync();
        var viewer = await tenant.AsUserAsync(await tenant.CreateUserAsync("watcher"));

        var beforeJoin = DateTimeOffset.UtcNow;
        (await viewer.PostAsync($"/api/rooms/{roomId}/join", body: null)).EnsureStatus(200);
        await KeepPresentAsync(viewer, roomId, until: beforeJoin.AddSeconds(3));
        (await viewer.PostAsync($"/api/rooms/{roomId}/leave", body: null)).EnsureStatus(204);
        var present = DateTimeOffset.UtcNow - beforeJoin;

        var stats = await EventuallyAsync(() => StatsAsync(tenant, roomId), s => s.GetProperty("watchSeconds").GetInt64() > 0);
        var profile = await EventuallyAsync(ProfileAsync(tenant, "watcher"), p => p.GetProperty("engagement").GetProperty("watchSeconds").GetInt64() > 0);
        Assert.InRange(stats.GetProperty("watchSeconds").GetInt64(), 2, (long)present.TotalSeconds);
        Assert.Equal(stats.GetProperty("watchSeconds").GetInt64(), profile.GetProperty("engagement").GetProperty("watchSeconds").GetInt64());

        // Leaving again, or leaving a room one is not in, credits nothing more; a marker like shows the stream has caught up.
        (await viewer.PostAsync($"/api/rooms/{roomId}/leave", body: null)).EnsureStatus(204);
        (await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "like" })).EnsureStatus(202);
        var after = await EventuallyAsync(() => StatsAsync(tenant, roomId), s => s.GetProperty("likes").GetInt64() == 1);
        Assert.Equal(stats.GetProperty("watchSeconds").GetInt64(), after.GetProperty("watchSeconds").GetInt64());
    }

    [Fact]
    public async Task Heartbeats_CreditWatchTimeWhileTheViewerStays_WithACreditIntervalOfOneSecond()
    {
        await using var host = await fixture.StartDevHostAsync(fixture.SettingsWith(("Presence:WatchCreditSeconds", "1")));
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var (tenant, roomId) = await LiveRoomAsync();
        await tenant.CreateUserAsync("regular");
        var viewer = new ApiClient(http, bearerToken: await tenant.MintTokenAsync("regular"));

        var beforeJoin = DateTimeOffset.UtcNow;
        (await viewer.PostAsync($"/api/rooms/{roomId}/join", body: null)).EnsureStatus(200);
        var credited = await EventuallyAsync(
            async () =>
            {
                (await viewer.PostAsync($"/api/rooms/{roomId}/heartbeat", body: null)).EnsureStatus(200);
                return await StatsAsync(tenant, roomId);
            },
            s => s.GetProperty("watchSeconds").GetInt64() >= 2);
        var seenWhilePresent = DateTimeOffset.UtcNow - beforeJoin;

        Assert.InRange(credited.GetProperty("watchSeconds").GetInt64(), 2, (long)seenWhilePresent.TotalSeconds);
        var viewers = await (await viewer.GetAsync($"/api/rooms/{roomId}/viewers")).JsonAsync();
        var row = Assert.Single(viewers.GetProperty("items").EnumerateArray());
        Assert.Equal(["userId", "displayName", "joinedAt", "lastSeenAt"], row.EnumerateObject().Select(p => p.Name));

        (await viewer.PostAsync($"/api/rooms/{roomId}/leave", body: null)).EnsureStatus(204);
        var present = DateTimeOffset.UtcNow - beforeJoin;
        (await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "like" })).EnsureStatus(202);
        var final = await EventuallyAsync(() => StatsAsync(tenant, roomId), s => s.GetProperty("likes").GetInt64() == 1);
        Assert.InRange(final.GetProperty("watchSeconds").GetInt64(), credited.GetProperty("watchSeconds").GetInt64(), (long)present.TotalSeconds);
    }

    [Fact]
    public async Task EventHubsDown_HeartbeatsJoinsAndLeavesStillSucceed()
    {
        var closed = $"Endpoint=sb://localhost:{Ports.FindFree()};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";
        await using var host = await fixture.StartDevHostAsync(fixture.SettingsWith(
            ("EventHubs:ConnectionString", closed), ("Presence:WatchCreditSeconds", "1"), ("Logging:LogLevel:Default", "None")));
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        var (tenant, roomId) = await LiveRoomAsync();
        await tenant.CreateUserAsync("offline");
        var viewer = new ApiClient(http, bearerToken: await tenant.MintTokenAsync("offline"));

        var joinedAt = DateTimeOffset.UtcNow;
        (await viewer.PostAsync($"/api/rooms/{roomId}/join", body: null)).EnsureStatus(200);
        await KeepPresentAsync(viewer, roomId, until: joinedAt.AddSeconds(2.5));
        (await viewer.PostAsync($"/api/rooms/{roomId}/heartbeat", body: null)).EnsureStatus(200);
        (await viewer.PostAsync($"/api/rooms/{roomId}/leave", body: null)).EnsureStatus(204);

        var viewers = await (await viewer.GetAsync($"/api/rooms/{roomId}/viewers")).JsonAsync();
        Assert.Equal(0, viewers.GetProperty("count").GetInt32());
    }

    private async Task<(Tenant Tenant, string RoomId)> LiveRoomAsync()
    {
        var tenant = await fixture.NewTenantAsync();
        var host = await tenant.CreateUserAsync("host", role: "host");
        var roomId = await tenant.CreateRoomAsync(host);
        await tenant.StartRoomAsync(roomId);
        return (tenant, roomId);
    }

    /// <summary>Heartbeats (as a client would, only more often) until <paramref name="until"/> on this machine's clock, which the server shares.</summary>
    private static async Task KeepPresentAsync(ApiClient viewer, string roomId, DateTimeOffset until)
    {
        while (DateTimeOffset.UtcNow < until)
        {
            (await viewer.PostAsync($"/api/rooms/{roomId}/heartbeat", body: null)).EnsureStatus(200);

            // Deliberate pacing, not a wait for a result: a client's heartbeat rhythm over the real seconds being measured.
            await Task.Delay(250);
        }
    }

    private static async Task<JsonElement> StatsAsync(Tenant tenant, string roomId) =>
        await (await tenant.Partner.GetAsync($"/api/rooms/{roomId}/stats")).JsonAsync();

    private static Func<Task<JsonElement>> ProfileAsync(Tenant tenant, string userId) =>
        async () => await (await tenant.Partner.GetAsync($"/api/users/{userId}/profile")).JsonAsync();

    private static Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done) =>
        Eventually.MatchesAsync(read, done, "The statistics or profile", Deadline);
}
