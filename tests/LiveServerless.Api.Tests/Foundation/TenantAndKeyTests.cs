using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Foundation;

[Collection(DevHostCollection.Name)]
public sealed class TenantAndKeyTests(DevHostFixture fixture)
{
    [Fact]
    public async Task CreateTenant_ReturnsTheTenant_AndItCanBeRead()
    {
        var created = await fixture.Admin.PostAsync("/api/tenants", new { name = "Acme Live" });

        created.EnsureStatus(201);
        var tenant = await created.JsonAsync();
        var id = tenant.GetProperty("id").GetString();
        Assert.Equal("Acme Live", tenant.GetProperty("name").GetString());
        Assert.Equal($"/api/tenants/{id}", created.Headers.Location?.ToString());
        var read = await fixture.Admin.GetAsync($"/api/tenants/{id}");
        read.EnsureStatus(200);
        Assert.Equal("Acme Live", (await read.JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task IssueKey_ShowsTheSecretOnce_ThenListsWithoutIt()
    {
        var tenant = await fixture.NewTenantAsync();

        var issued = await fixture.Admin.PostAsync($"/api/tenants/{tenant.Id}/keys", new { scopes = new[] { "rooms", "users" }, name = "backend" });

        issued.EnsureStatus(201);
        var key = await issued.JsonAsync();
        var secret = key.GetProperty("secret").GetString()!;
        Assert.Equal(["users", "rooms"], key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var listed = await (await fixture.Admin.GetAsync($"/api/tenants/{tenant.Id}/keys")).JsonAsync();
        var items = listed.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(2, items.Length);
        Assert.All(items, item => Assert.False(item.TryGetProperty("secret", out _)));
        Assert.DoesNotContain(secret, listed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedKey_IsRefused_AndRevokingAgainIsIdempotent()
    {
        var tenant = await fixture.NewTenantAsync();
        (await tenant.Partner.GetAsync("/api/users")).EnsureStatus(200);

        (await fixture.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/keys/{tenant.KeyId}")).EnsureStatus(204);

        await (await tenant.Partner.GetAsync("/api/users")).AssertProblemAsync(401);
        (await fixture.Admin.DeleteAsync($"/api/tenants/{tenant.Id}/keys/{tenant.KeyId}")).EnsureStatus(204);
        var keys = await (await fixture.Admin.GetAsync($"/api/tenants/{tenant.Id}/keys")).JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, keys.GetProperty("items")[0].GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task KeysOfUnknownTenant_AreNotFound()
    {
        await (await fixture.Admin.PostAsync("/api/tenants/nosuchtenant/keys", new { scopes = new[] { "users" } })).AssertProblemAsync(404);
        await (await fixture.Admin.DeleteAsync("/api/tenants/nosuchtenant/keys/nosuchkey")).AssertProblemAsync(404);
        await (await fixture.Admin.GetAsync("/api/tenants/nosuchtenant")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task RevokingAnotherTenantsKey_ThroughTheWrongTenant_IsNotFound()
    {
        var first = await fixture.NewTenantAsync();
        var second = await fixture.NewTenantAsync();

        await (await fixture.Admin.DeleteAsync($"/api/tenants/{second.Id}/keys/{first.KeyId}")).AssertProblemAsync(404);

        (await first.Partner.GetAsync("/api/users")).EnsureStatus(200);
    }
}
