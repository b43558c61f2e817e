using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>Every user token is checked against the user's current state: revoked and deleted users' tokens are refused at once, everywhere.</summary>
[Collection(DevHostCollection.Name)]
public sealed class TokenRevocationTests(DevHostFixture fixture)
{
    public static TheoryData<string> UserRoutes => RouteCatalog.Where(r => r.AcceptsUserTokens);

    [Theory]
    [MemberData(nameof(UserRoutes))]
    public async Task TokensMintedBeforeARevocation_Answer401_OnEveryUserRoute(string name)
    {
        var route = RouteCatalog.Find(name);
        var arrangement = await Arrangement.CreateAsync(fixture);
        var before = await arrangement.Tenant.MintTokenAsync(arrangement.Ids.UserId);

        (await arrangement.Tenant.Partner.PostAsync($"/api/users/{arrangement.Ids.UserId}/tokens/revoke", body: null)).EnsureStatus(204);

        var refused = await arrangement.Tenant.Partner.WithBearer(before).SendAsync(new HttpMethod(route.Method), route.Path(arrangement.Ids), route.ValidBody(arrangement.Ids));
        await refused.AssertProblemAsync(401);
        await (await arrangement.HostUser.GetAsync("/api/me")).AssertProblemAsync(401);
    }

    [Fact]
    public async Task ATokenMintedAfterTheRevocation_Works()
    {
        var tenant = await fixture.NewTenantAsync();
        var userId = await tenant.CreateUserAsync();
        var old = await tenant.AsUserAsync(userId);
        (await old.GetAsync("/api/me")).EnsureStatus(200);

        (await tenant.Partner.PostAsync($"/api/users/{userId}/tokens/revoke", body: null)).EnsureStatus(204);

        await (await old.GetAsync("/api/me")).AssertProblemAsync(401);
        await (await old.PostAsync("/api/negotiate", body: null)).AssertProblemAsync(401);
        var fresh = await tenant.AsUserAsync(userId);
        (await fresh.GetAsync("/api/me")).EnsureStatus(200);
        (await fresh.PostAsync("/api/negotiate", body: null)).EnsureStatus(200);
    }

    [Fact]
    public async Task ADeletedUsersToken_Answers401()
    {
        var tenant = await fixture.NewTenantAsync();
        var userId = await tenant.CreateUserAsync();
        var user = await tenant.AsUserAsync(userId);

        Assert.True((await tenant.Partner.DeleteAsync($"/api/users/{userId}")).IsSuccessStatusCode);

        await (await user.GetAsync("/api/me")).AssertProblemAsync(401);
        await (await user.PostAsync("/api/negotiate", body: null)).AssertProblemAsync(401);
    }

    [Fact]
    public async Task RevokingAnUnknownUser_Is404()
    {
        var tenant = await fixture.NewTenantAsync();
        await (await tenant.Partner.PostAsync("/api/users/nobody/tokens/revoke", body: null)).AssertProblemAsync(404);
    }
}
