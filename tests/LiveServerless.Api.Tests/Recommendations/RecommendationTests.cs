using System.Text.Json;
using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Recommendations;

/// <summary>Profiles and recommendations end to end: interactions → stream → profile → refreshed list, through DevHost.</summary>
[Collection(DevHostCollection.Name)]
public sealed class RecommendationTests(DevHostFixture fixture)
{
    [Fact]
    public async Task ANewUser_GetsTrendingLiveRooms_WithReasons()
    {
        var (tenant, rooms) = await LiveRoomsAsync(("hot", "gaming"), ("quiet", "cooking"));
        await tenant.CreateUserAsync("fan");
        var fan = await tenant.AsUserAsync("fan");
        (await fan.PostAsync($"/api/rooms/{rooms["hot"]}/interactions", new { type = "like", count = 500 })).EnsureStatus(202);
        await tenant.CreateUserAsync("newbie");
        var newbie = await tenant.AsUserAsync("newbie");

        var list = await EventuallyAsync(newbie, l => First(l) == rooms["hot"]);

        Assert.All(list.GetProperty("items").EnumerateArray(), item => Assert.NotEmpty(item.GetProperty("reasons").EnumerateArray()));
        Assert.Contains("Trending", list.GetProperty("items")[0].GetProperty("reasons").ToString(), StringComparison.Ordinal);
        Assert.True(list.TryGetProperty("generatedAt", out _));
    }

    [Fact]
    public async Task AUserWhoLikesAndSharesJazz_GetsLiveJazzRoomsFirst_AndEndedRoomsDisappear()
    {
        var (tenant, rooms) = await LiveRoomsAsync(("jazz-1", "jazz"), ("jazz-2", "jazz"), ("games-1", "gaming"), ("games-2", "gaming"), ("food-1", "cooking"));
        await tenant.CreateUserAsync("crowd");
        var crowd = await tenant.AsUserAsync("crowd");
        foreach (var gaming in new[] { "games-1", "games-2" })
        {
            (await crowd.PostAsync($"/api/rooms/{rooms[gaming]}/interactions", new { type = "like", count = 300 })).EnsureStatus(202);
        }

        await tenant.CreateUserAsync("listener");
        var listener = await tenant.AsUserAsync("listener");
        (await listener.PostAsync($"/api/rooms/{rooms["jazz-1"]}/interactions", new
        {
            events = new object[]
            {
                new { type = "like", count = 20 }, new { type = "share" }, new { type = "share" },
            },
        })).EnsureStatus(202);

        var list = await EventuallyAsync(listener, l => First(l) is { } first && first.StartsWith(rooms["jazz-1"][..^1], StringComparison.Ordinal)
            && Ids(l).Take(2).All(id => id == rooms["jazz-1"] || id == rooms["jazz-2"]));
        Assert.Equal(5, list.GetProperty("items").GetArrayLength());
        var jazz = list.GetProperty("items")[0];
        Assert.Contains("jazz", jazz.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(jazz.GetProperty("score").GetDouble() > 0);

        (await tenant.Partner.PostAsync($"/api/rooms/{rooms["jazz-1"]}/end", body: null)).EnsureStatus(200);
        var afterEnd = await EventuallyAsync(listener, l => !Ids(l).Contains(rooms["jazz-1"]));
        Assert.Equal(rooms["jazz-2"], First(afterEnd));
    }

    [Fact]
    public async Task Profile_ShowsInterestsAndSegments_ExportHasEverything_AndDeleteErasesThem()
    {
        var (tenant, rooms) = await LiveRoomsAsync(("music", "music"));
        var created = await tenant.Partner.PostAsync("/api/users", new { id = "sam", displayName = "Sam", tags = new[] { "news" } });
        created.EnsureStatus(201);
        var sam = await tenant.AsUserAsync("sam");
        await tenant.DefineGiftAsync("diamond", price: 10_000);
        await tenant.CreditAsync("sam", 10_000);
        (await sam.PostAsync($"/api/rooms/{rooms["music"]}/interactions", new { events = new object[] { new { type = "share" } } })).EnsureStatus(202);
        (await sam.PostAsync($"/api/rooms/{rooms["music"]}/interactions", new { type = "gift", giftId = "diamond" })).EnsureStatus(202);
        (await sam.PostAsync($"/api/rooms/{rooms["music"]}/messages", new { text = "lovely set" })).EnsureStatus(201);

        var profile = await EventuallyProfileAsync(tenant, "sam", p => p.GetProperty("engagement").GetProperty("giftValue").GetDecimal() == 10_000m);
        Assert.Contains("whale", profile.GetProperty("segments").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("music", profile.GetProperty("interests")[0].GetProperty("name").GetString());
        Assert.Contains(profile.GetProperty("interests").EnumerateArray(), i => i.GetProperty("name").GetString() == "news");

        var export = await (await tenant.Partner.GetAsync("/api/users/sam/export")).JsonAsync();
        Assert.Equal("Sam", export.GetProperty("user").GetProperty("displayName").GetString());
        Assert.Equal("lovely set", export.GetProperty("chatMessages")[0].GetProperty("text").GetString());
        Assert.NotEqual(JsonValueKind.Null, export.GetProperty("profile").ValueKind);

        await tenant.EraseUserAsync("sam");
        await (await tenant.Partner.GetAsync("/api/users/sam/profile")).AssertProblemAsync(404);
        await (await tenant.Partner.GetAsync("/api/users/sam/export")).AssertProblemAsync(404);
        (await tenant.Partner.PostAsync("/api/users", new { id = "sam", displayName = "Sam again" })).EnsureStatus(201);
        var fresh = await (await tenant.Partner.GetAsync("/api/users/sam/profile")).JsonAsync();
        Assert.Equal(0, fresh.GetProperty("engagement").GetProperty("interactions").GetInt64());
    }

    [Fact]
    public async Task RecommendationLimit_OutOfRange_Is400()
    {
        var tenant = await fixture.NewTenantAsync();
        var user = await tenant.AsUserAsync(await tenant.CreateUserAsync());

        await (await user.GetAsync("/api/me/recommendations?limit=0")).AssertFieldErrorAsync("limit");
        await (await user.GetAsync("/api/me/recommendations?limit=x")).AssertFieldErrorAsync("limit");
    }

    private async Task<(Tenant Tenant, Dictionary<string, string> Rooms)> LiveRoomsAsync(params (string Name, string Tag)[] specs)
    {
        var tenant = await fixture.NewTenantAsync();
        var rooms = new Dictionary<string, string>();
        foreach (var (name, tag) in specs)
        {
            var host = await tenant.CreateUserAsync($"host-{name}", role: "host");
            var roomId = await tenant.CreateRoomAsync(host, id: name, tags: [tag]);
            await tenant.StartRoomAsync(roomId);
            rooms[name] = roomId;
        }

        return (tenant, rooms);
    }

    private static string? First(JsonElement list) => Ids(list).FirstOrDefault();

    private static IEnumerable<string> Ids(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("roomId").GetString()!);

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static Task<JsonElement> EventuallyAsync(ApiClient user, Func<JsonElement, bool> done) =>
        Eventually.MatchesAsync(
            async () =>
            {
                var response = await user.GetAsync("/api/me/recommendations");
                response.EnsureStatus(200);
                return await response.JsonAsync();
            },
            done,
            "The recommendations",
            Deadline);

    private static Task<JsonElement> EventuallyProfileAsync(Tenant tenant, string userId, Func<JsonElement, bool> done) =>
        Eventually.MatchesAsync(async () => await (await tenant.Partner.GetAsync($"/api/users/{userId}/profile")).JsonAsync(), done, "The profile", Deadline);
}
