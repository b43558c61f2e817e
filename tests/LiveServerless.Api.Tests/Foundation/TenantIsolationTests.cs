using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>A partner can never see or touch another tenant's objects: their ids simply do not exist (404, not 403).</summary>
[Collection(DevHostCollection.Name)]
public sealed class TenantIsolationTests(DevHostFixture fixture)
{
    public static TheoryData<string> KeyRoutesWithIds => RouteCatalog.Where(r => r.AcceptsKeys && r.HasIds && !r.IsUpsert);

    public static TheoryData<string> UserRoutesWithIds => RouteCatalog.Where(r => r.AcceptsUserTokens && r.HasIds);

    [Theory]
    [MemberData(nameof(KeyRoutesWithIds))]
    public async Task AnotherTenantsIds_WithAPartnerKey_AreNotFound_AndUntouched(string name)
    {
        var intruder = await fixture.NewTenantAsync();
        await AssertNotFoundAndUntouchedAsync(name, intruder.Partner);
    }

    [Theory]
    [MemberData(nameof(UserRoutesWithIds))]
    public async Task AnotherTenantsIds_WithAUserToken_AreNotFound_AndUntouched(string name)
    {
        var intruder = await fixture.NewTenantAsync();
        var intruderUser = await intruder.AsUserAsync(await intruder.CreateUserAsync(role: "moderator"));
        await AssertNotFoundAndUntouchedAsync(name, intruderUser);
    }

    private async Task AssertNotFoundAndUntouchedAsync(string name, ApiClient intruder)
    {
        var route = RouteCatalog.Find(name);
        var owner = await Arrangement.CreateAsync(fixture);
        var ids = owner.Ids;
        var before = await SnapshotAsync(owner);

        var response = await intruder.SendAsync(new HttpMethod(route.Method), route.Path(ids), route.ValidBody(ids));

        await response.AssertProblemAsync(404);
        Assert.Equal(before, await SnapshotAsync(owner));
    }

    /// <summary>The owner's user, room, chat history and campaign, as text, to prove an intruder changed nothing.</summary>
    private static async Task<string> SnapshotAsync(Arrangement owner)
    {
        var partner = owner.Tenant.Partner;
        var user = await (await partner.GetAsync($"/api/users/{owner.Ids.UserId}")).JsonAsync();
        var room = await (await partner.GetAsync($"/api/rooms/{owner.Ids.RoomId}")).JsonAsync();
        var messages = await (await partner.GetAsync($"/api/rooms/{owner.Ids.RoomId}/messages")).JsonAsync();
        var campaign = await (await partner.GetAsync($"/api/campaigns/{owner.Ids.CampaignId}")).JsonAsync();
        var gift = await (await partner.GetAsync($"/api/gifts/{owner.Ids.GiftId}")).JsonAsync();
        var wallet = await (await partner.GetAsync($"/api/users/{owner.Ids.UserId}/wallet/statement")).JsonAsync();
        return $"{user}\n{room}\n{messages}\n{campaign}\n{gift}\n{wallet}";
    }

    [Fact]
    public async Task PuttingAGiftWithAnotherTenantsId_CreatesTheCallersOwn_AndLeavesTheirsAlone()
    {
        var owner = await Arrangement.CreateAsync(fixture);
        var intruder = await fixture.NewTenantAsync();
        var before = await SnapshotAsync(owner);

        (await intruder.Partner.SendAsync(HttpMethod.Put, $"/api/gifts/{owner.Ids.GiftId}", new { name = "Cheap rose", price = 1 })).EnsureStatus(201);

        Assert.Equal(before, await SnapshotAsync(owner));
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
