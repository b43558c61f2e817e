using System.Text.Json;
using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Stream;

/// <summary>Interactions through DevHost: ingest → Event Hubs emulator → the hosted processor → Cosmos → stats and pushes.</summary>
[Collection(DevHostCollection.Name)]
public sealed class IngestTests(DevHostFixture fixture)
{
    [Fact]
    public async Task PostedInteractions_AddUpInTheRoomStats_AndArePushedToTheRoom()
    {
        var (tenant, roomId) = await LiveRoomAsync();
        await tenant.CreateUserAsync("watcher");
        var watcherToken = await tenant.MintTokenAsync("watcher");
        await using var watcher = await RealtimeClient.ConnectAsync(fixture.Host.BaseAddress, watcherToken);
        (await fixture.Admin.WithBearer(watcherToken).PostAsync($"/api/rooms/{roomId}/join", body: null)).EnsureStatus(200);
        var fans = new[] { "fan-a", "fan-b", "fan-c" };
        foreach (var fan in fans)
        {
            await tenant.CreateUserAsync(fan);
        }

        await tenant.DefineGiftAsync("rose", price: 5);
        await tenant.DefineGiftAsync("yacht", price: 500);
        foreach (var fan in fans)
        {
            await tenant.CreditAsync(fan, 1000);
            var client = await tenant.AsUserAsync(fan);
            var posted = await client.PostAsync($"/api/rooms/{roomId}/interactions", new
            {
                events = new object[]
                {
                    new { type = "like", count = 40 },
                    new { type = "like", count = 6 },
                    new { type = "share" },
                },
            });
            posted.EnsureStatus(202);
            var accepted = await posted.JsonAsync();
            Assert.Equal(3, accepted.GetProperty("accepted").GetInt32());
            Assert.Equal(3, accepted.GetProperty("ids").GetArrayLength());
            (await client.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "gift", giftId = "rose", count = 2 })).EnsureStatus(202);
        }

        var big = await tenant.AsUserAsync("fan-a");
        (await big.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "gift", giftId = "yacht" })).EnsureStatus(202);

        var stats = await StatsEventuallyAsync(tenant, roomId, s => s.GetProperty("likes").GetInt64() == 138 && s.GetProperty("giftValue").GetDecimal() == 530m);
        Assert.Equal(7, stats.GetProperty("giftCount").GetInt64());
        Assert.Equal(3, stats.GetProperty("shares").GetInt64());
        Assert.Equal(0, stats.GetProperty("watchSeconds").GetInt64());
        Assert.Equal(3, stats.GetProperty("uniqueViewers").GetInt64());
        Assert.True(stats.GetProperty("heat").GetDouble() > 0);
        var top = stats.GetProperty("topGifters")[0];
        Assert.Equal("fan-a", top.GetProperty("userId").GetString());
        Assert.Equal(510m, top.GetProperty("value").GetDecimal());

        var pushed = await watcher.WaitForAsync("roomStats", s => s.GetProperty("likes").GetInt64() == 138);
        Assert.Equal(roomId, pushed.GetProperty("roomId").GetString());
        Assert.True(watcher.Of("roomStats").Count() < 16, "one push per processed batch, not one per event");
        Assert.True(watcher.Of("roomStats").Sum(s => s.GetProperty("delta").GetProperty("likes").GetInt64()) == 138);
    }

    [Fact]
    public async Task ARetriedPost_WithTheSameIdempotencyKey_IsCountedOnce()
    {
        var (tenant, roomId) = await LiveRoomAsync();
        await tenant.CreateUserAsync("giver");
        await tenant.DefineGiftAsync("crown", price: 99);
        await tenant.CreditAsync("giver", 500);
        var giver = await tenant.AsUserAsync("giver");
        var gift = new { type = "gift", giftId = "crown", idempotencyKey = "order-123" };

        var first = await (await giver.PostAsync($"/api/rooms/{roomId}/interactions", gift)).JsonAsync();
        var retry = await (await giver.PostAsync($"/api/rooms/{roomId}/interactions", gift)).JsonAsync();
        (await giver.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "like", idempotencyKey = "marker" })).EnsureStatus(202);

        Assert.Equal(first.GetProperty("ids")[0].GetString(), retry.GetProperty("ids")[0].GetString());
        Assert.Equal(401, first.GetProperty("balance").GetInt64());
        Assert.Equal(401, retry.GetProperty("balance").GetInt64());
        var stats = await StatsEventuallyAsync(tenant, roomId, s => s.GetProperty("likes").GetInt64() == 1);
        Assert.Equal(99m, stats.GetProperty("giftValue").GetDecimal());
        Assert.Equal(1, stats.GetProperty("giftCount").GetInt64());
    }

    [Fact]
    public async Task Following_CountsOnce_AndOpensAFollowersOnlyChat()
    {
        var (tenant, roomId) = await LiveRoomAsync();
        (await tenant.Partner.PatchAsync($"/api/rooms/{roomId}", new { followersOnly = true })).EnsureStatus(200);
        await tenant.CreateUserAsync("newfan");
        var fan = await tenant.AsUserAsync("newfan");
        await (await fan.PostAsync($"/api/rooms/{roomId}/messages", new { text = "hello?" })).AssertProblemAsync(403);

        (await fan.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "follow" })).EnsureStatus(202);
        (await fan.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "follow" })).EnsureStatus(202);

        // The follow edge is written by the stream processor, a moment after the follow was accepted.
        await Eventually.HoldsAsync(async () => (int)(await fan.PostAsync($"/api/rooms/{roomId}/messages", new { text = "hello!" })).StatusCode == 201, "A followers-only post by the new follower");

        var stats = await StatsEventuallyAsync(tenant, roomId, s => s.GetProperty("messages").GetInt64() == 1);
        Assert.Equal(1, stats.GetProperty("follows").GetInt64());
    }

    [Fact]
    public async Task InteractionsInARoomThatIsNotLive_AreAConflict()
    {
        var tenant = await fixture.NewTenantAsync();
        var host = await tenant.CreateUserAsync("host", role: "host");
        var roomId = await tenant.CreateRoomAsync(host);
        await tenant.CreateUserAsync("early");

        await (await (await tenant.AsUserAsync("early")).PostAsync($"/api/rooms/{roomId}/interactions", new { type = "like" })).AssertProblemAsync(409);
    }

    [Fact]
    public async Task EventHubsDown_IngestAnswers503_NeverA2xx()
    {
        var closed = $"Endpoint=sb://localhost:{LiveServerless.DevHost.Local.Ports.FindFree()};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";
        await using var host = await fixture.StartDevHostAsync(fixture.SettingsWith(("EventHubs:ConnectionString", closed), ("Logging:LogLevel:Default", "None")));
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        var (tenant, roomId) = await LiveRoomAsync();
        await tenant.CreateUserAsync("viewer");
        var viewer = new ApiClient(http, bearerToken: await tenant.MintTokenAsync("viewer"));

        var response = await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "like", count = 5 });
        var follow = await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { events = new object[] { new { type = "follow" }, new { type = "share" } } });

        await response.AssertProblemAsync(503);
        Assert.NotNull(response.Headers.RetryAfter);

        // A 503 means nothing of the request happened: not on the stream, and no follow edge either (edges come from the stream).
        await follow.AssertProblemAsync(503);
        var stats = await (await tenant.Partner.GetAsync($"/api/rooms/{roomId}/stats")).JsonAsync();
        Assert.Equal((0L, 0L, 0L), (stats.GetProperty("likes").GetInt64(), stats.GetProperty("follows").GetInt64(), stats.GetProperty("shares").GetInt64()));
        (await tenant.Partner.PatchAsync($"/api/rooms/{roomId}", new { followersOnly = true })).EnsureStatus(200);
        await (await (await tenant.AsUserAsync("viewer")).PostAsync($"/api/rooms/{roomId}/messages", new { text = "am I a follower?" })).AssertProblemAsync(403);
        var health = await (await new ApiClient(http).GetAsync("/api/health")).AssertProblemAsync(503);
        Assert.Contains("eventhubs", health.GetProperty("failing").EnumerateArray().Select(f => f.GetString()));
    }

    private async Task<(Tenant Tenant, string RoomId)> LiveRoomAsync()
    {
        var tenant = await fixture.NewTenantAsync();
        var host = await tenant.CreateUserAsync("host", role: "host");
        var roomId = await tenant.CreateRoomAsync(host);
        await tenant.StartRoomAsync(roomId);
        return (tenant, roomId);
    }

    private static Task<JsonElement> StatsEventuallyAsync(Tenant tenant, string roomId, Func<JsonElement, bool> done) =>
        Eventually.MatchesAsync(
            async () => await (await tenant.Partner.GetAsync($"/api/rooms/{roomId}/stats")).JsonAsync(), done, "The room's statistics", TimeSpan.FromSeconds(30));
}
