using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>A partner can never see or touch another tenant's objects: their ids simply do not exist (404, not 403).</summary>
[Collection(DevHostCollection.Name)]
public sealed class TenantIsolationTests(DevHostFixture fixture)
{
    public static TheoryData<string> PartnerRoutesWithIds => RouteCatalog.Where(r => r.Audience == Audience.Partner && r.HasIds);

    [Theory]
    [MemberData(nameof(PartnerRoutesWithIds))]
    public async Task AnotherTenantsIds_AreNotFound_AndUntouched(string name)
    {
        var route = RouteCatalog.Find(name);
        var owner = await fixture.NewTenantAsync();
        var intruder = await fixture.NewTenantAsync();
        var userId = await owner.CreateUserAsync(role: "host");
        var roomId = await owner.CreateRoomAsync(userId);
        var ids = new RouteIds(owner.Id, owner.KeyId, userId, roomId);
        var userBefore = await (await owner.Partner.GetAsync($"/api/users/{userId}")).JsonAsync();
        var roomBefore = await (await owner.Partner.GetAsync($"/api/rooms/{roomId}")).JsonAsync();

        var response = await intruder.Partner.SendAsync(new HttpMethod(route.Method), route.Path(ids), route.ValidBody(ids));

        await response.AssertProblemAsync(404);
        Assert.Equal(userBefore.ToString(), (await (await owner.Partner.GetAsync($"/api/users/{userId}")).JsonAsync()).ToString());
        Assert.Equal(roomBefore.ToString(), (await (await owner.Partner.GetAsync($"/api/rooms/{roomId}")).JsonAsync()).ToString());
    }

    [Fact]
    public async Task CreatingARoom_HostedByAnotherTenantsUser_IsNotFound()
    {
        var owner = await fixture.NewTenantAsync();
        var intruder = await fixture.NewTenantAsync();
        var userId = await owner.CreateUserAsync(role: "host");

        await (await intruder.Partner.PostAsync("/api/rooms", new { hostUserId = userId, title = "hijack" })).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Listings_ShowOnlyTheCallersObjects()
    {
        var owner = await fixture.NewTenantAsync();
        var other = await fixture.NewTenantAsync();
        var userId = await owner.CreateUserAsync(role: "host");
        await owner.CreateRoomAsync(userId);

        var users = await (await other.Partner.GetAsync("/api/users")).JsonAsync();
        var rooms = await (await other.Partner.GetAsync("/api/rooms")).JsonAsync();

        Assert.Empty(users.GetProperty("items").EnumerateArray());
        Assert.Empty(rooms.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AUsersToken_OnlyReachesTheirOwnTenant()
    {
        var first = await fixture.NewTenantAsync();
        var second = await fixture.NewTenantAsync();
        await first.CreateUserAsync("same-id", displayName: "First");
        await second.CreateUserAsync("same-id", displayName: "Second");
        var token = await first.MintTokenAsync("same-id");

        var me = await (await fixture.Admin.WithBearer(token).GetAsync("/api/me")).JsonAsync();

        Assert.Equal("First", me.GetProperty("displayName").GetString());
    }
}
