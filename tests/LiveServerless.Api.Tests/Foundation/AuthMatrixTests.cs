using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Domain.Users;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>Every route × every kind of bad credential: missing, unknown, revoked, wrong scope, wrong kind, expired, forged.</summary>
[Collection(DevHostCollection.Name)]
public sealed class AuthMatrixTests(DevHostFixture fixture)
{
    public static TheoryData<string> PartnerRoutes => RouteCatalog.Where(r => r.AcceptsKeys);

    public static TheoryData<string> UserRoutes => RouteCatalog.Where(r => r.AcceptsUserTokens);

    public static TheoryData<string> UserOnlyRoutes => RouteCatalog.Where(r => r.Audience == Audience.User);

    public static TheoryData<string> AdminRoutes => RouteCatalog.Where(r => r.Audience == Audience.Admin);

    public static TheoryData<string> ProtectedRoutes => RouteCatalog.Where(r => r.Audience != Audience.Anonymous);

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task NoCredentials_Is401(string name)
    {
        var (route, ids, _) = await ArrangeAsync(name);

        var response = await fixture.Admin.WithKey(null).SendAsync(new HttpMethod(route.Method), route.Path(ids), route.ValidBody(ids));

        await response.AssertProblemAsync(401);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task UnknownOrMalformedKey_Is401(string name)
    {
        var (route, ids, _) = await ArrangeAsync(name);

        foreach (var key in new[] { "garbage", $"lsk.{ids.TenantId}.{ids.KeyId}.not-the-secret", "lsk.a.b.c" })
        {
            var response = await fixture.Admin.WithKey(key).SendAsync(new HttpMethod(route.Method), route.Path(ids), route.ValidBody(ids));
            await response.AssertProblemAsync(401);
        }
    }

    [Theory]
    [MemberData(nameof(PartnerRoutes))]
    public async Task RevokedKey_Is401(string name)
    {
        var (route, ids, tenant) = await ArrangeAsync(name);
        (await fixture.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/keys/{tenant.KeyId}")).EnsureStatus(204);

        var response = await tenant.Partner.SendAsync(new HttpMethod(route.Method), route.Path(ids), route.ValidBody(ids));

        await response.AssertProblemAsync(401);
    }

    [Theory]
    [MemberData(nameof(PartnerRoutes))]
    public async Task KeyWithoutTheRouteScope_Is403(string name)
    {
        var (route, ids, tenant) = await ArrangeAsync(name);
        var otherScopes = new[] { "users", "rooms", "moderation", "ads", "reports", "economy" }.Where(s => s != route.Scope).ToArray();
        var issued = await (await fixture.Admin.PostAsync($"/api/tenants/{tenant.Id}/keys", new { scopes = otherScopes })).JsonAsync();

        var response = await fixture.Admin.WithKey(issued.GetProperty("secret").GetString())
            .SendAsync(new HttpMethod(route.Method), route.Path(ids), route.ValidBody(ids));

        await response.AssertProblemAsync(403);
    }

    [Theory]
    [MemberData(nameof(PartnerRoutes))]
    public async Task AdminKey_OnPartnerRoute_Is403(string name)
    {
        var (route, ids, _) = await ArrangeAsync(name);

        var response = await fixture.Admin.SendAsync(new HttpMethod(route.Method), route.Path(ids), route.ValidBody(ids));

        await response.AssertProblemAsync(403);
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task PartnerKey_OnAdminRoute_Is403(string name)
    {
        var (route, ids, tenant) = await ArrangeAsync(name);

        var response = await tenant.Partner.SendAsync(new HttpMethod(route.Method), route.Path(ids), route.ValidBody(ids));

        await response.AssertProblemAsync(403);
    }

    [Theory]
    [MemberData(nameof(UserRoutes))]
    public async Task ExpiredOrForgedUserToken_Is401(string name)
    {
        var (route, ids, tenant) = await ArrangeAsync(name);
        var expired = MintWith(DevHostSigningKey(), DateTimeOffset.UtcNow.AddHours(-2), tenant.Id, ids.UserId);
        var forged = MintWith("a-completely-different-signing-key-of-32-bytes!!", DateTimeOffset.UtcNow, tenant.Id, ids.UserId);

        foreach (var token in new[] { expired, forged, "not.a.jwt" })
        {
            var response = await fixture.Admin.WithBearer(token).SendAsync(new HttpMethod(route.Method), route.Path(ids), route.ValidBody(ids));
            await response.AssertProblemAsync(401);
        }
    }

    [Theory]
    [MemberData(nameof(UserOnlyRoutes))]
    public async Task PartnerKey_OnUserRoute_Is401(string name)
    {
        var (route, ids, tenant) = await ArrangeAsync(name);

        var response = await tenant.Partner.SendAsync(new HttpMethod(route.Method), route.Path(ids), route.ValidBody(ids));

        await response.AssertProblemAsync(401);
    }

    [Fact]
    public async Task UserToken_Expired_Forged_OrAKey_IsRefused()
    {
        var tenant = await fixture.NewTenantAsync("users");
        var userId = await tenant.CreateUserAsync();
        var valid = await tenant.MintTokenAsync(userId);
        var expired = MintWith(DevHostSigningKey(), DateTimeOffset.UtcNow.AddHours(-2), tenant.Id, userId);
        var forged = MintWith("a-completely-different-signing-key-of-32-bytes!!", DateTimeOffset.UtcNow, tenant.Id, userId);

        (await fixture.Admin.WithBearer(valid).GetAsync("/api/me")).EnsureStatus(200);
        await (await fixture.Admin.WithBearer(expired).GetAsync("/api/me")).AssertProblemAsync(401);
        await (await fixture.Admin.WithBearer(forged).GetAsync("/api/me")).AssertProblemAsync(401);
        await (await fixture.Admin.WithBearer(valid[..^4] + "AAAA").GetAsync("/api/me")).AssertProblemAsync(401);
        await (await tenant.Partner.GetAsync("/api/me")).AssertProblemAsync(401);
    }

    [Fact]
    public async Task UserToken_IsNotAnApiKey()
    {
        var tenant = await fixture.NewTenantAsync("users");
        var token = await tenant.MintTokenAsync(await tenant.CreateUserAsync());

        await (await fixture.Admin.WithBearer(token).GetAsync("/api/users")).AssertProblemAsync(401);
    }

    private string DevHostSigningKey() =>
        fixture.AppServices.GetRequiredService<IOptions<UserTokenOptions>>().Value.SigningKey;

    private string MintWith(string signingKey, DateTimeOffset now, string tenantId, string userId)
    {
        var options = fixture.AppServices.GetRequiredService<IOptions<UserTokenOptions>>().Value;
        var tokens = new UserTokens(
            Options.Create(new UserTokenOptions { SigningKey = signingKey, Issuer = options.Issuer, LifetimeMinutes = 15, MaxLifetimeMinutes = 60 }),
            new FakeTimeProvider(now));
        return tokens.Mint(tenantId, userId, UserRole.Viewer, TokenStampStore.Initial).Token;
    }

    private async Task<(RouteCase Route, RouteIds Ids, Tenant Tenant)> ArrangeAsync(string name)
    {
        var arrangement = await Arrangement.CreateAsync(fixture);
        return (RouteCatalog.Find(name), arrangement.Ids, arrangement.Tenant);
    }
}
