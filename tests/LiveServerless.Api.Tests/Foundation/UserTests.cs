using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Foundation;

[Collection(DevHostCollection.Name)]
public sealed class UserTests(DevHostFixture fixture)
{
    [Fact]
    public async Task CreateGetPatchDelete_RoundTrip()
    {
        var tenant = await fixture.NewTenantAsync("users", "moderation");

        var created = await tenant.Partner.PostAsync("/api/users", new
        {
            id = "alice", displayName = "Alice", role = "host", avatarUrl = "https://cdn.example/alice.png", tags = new[] { "Music", "jazz" },
        });

        created.EnsureStatus(201);
        Assert.NotNull(created.Headers.ETag);
        var user = await created.JsonAsync();
        Assert.Equal("alice", user.GetProperty("id").GetString());
        Assert.Equal("host", user.GetProperty("role").GetString());
        Assert.Equal(["music", "jazz"], user.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var read = await tenant.Partner.GetAsync("/api/users/alice");
        read.EnsureStatus(200);
        Assert.Equal("Alice", (await read.JsonAsync()).GetProperty("displayName").GetString());

        var patched = await tenant.Partner.PatchAsync("/api/users/alice", new { displayName = "Alice B", avatarUrl = (string?)null }, read.Headers.ETag!.ToString());
        patched.EnsureStatus(200);
        var patchedUser = await patched.JsonAsync();
        Assert.Equal("Alice B", patchedUser.GetProperty("displayName").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, patchedUser.GetProperty("avatarUrl").ValueKind);
        Assert.Equal("host", patchedUser.GetProperty("role").GetString());
        Assert.NotEqual(read.Headers.ETag, patched.Headers.ETag);

        await tenant.EraseUserAsync("alice");
        await (await tenant.Partner.GetAsync("/api/users/alice")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Create_WithoutId_GeneratesOne_AndDefaultsToViewer()
    {
        var tenant = await fixture.NewTenantAsync("users");

        var created = await tenant.Partner.PostAsync("/api/users", new { displayName = "Anon" });

        created.EnsureStatus(201);
        var user = await created.JsonAsync();
        Assert.Equal(32, user.GetProperty("id").GetString()!.Length);
        Assert.Equal("viewer", user.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Create_DuplicateId_IsAConflict()
    {
        var tenant = await fixture.NewTenantAsync("users");
        await tenant.CreateUserAsync("bob");

        await (await tenant.Partner.PostAsync("/api/users", new { id = "bob", displayName = "Bob again" })).AssertProblemAsync(409);
    }

    [Fact]
    public async Task SameUserId_InTwoTenants_AreDifferentUsers()
    {
        var first = await fixture.NewTenantAsync("users");
        var second = await fixture.NewTenantAsync("users");

        await first.CreateUserAsync("carol", displayName: "Carol one");
        await second.CreateUserAsync("carol", displayName: "Carol two");

        var read = await (await second.Partner.GetAsync("/api/users/carol")).JsonAsync();
        Assert.Equal("Carol two", read.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Patch_WithStaleIfMatch_IsPreconditionFailed_AndChangesNothing()
    {
        var tenant = await fixture.NewTenantAsync("users");
        var created = await tenant.Partner.PostAsync("/api/users", new { id = "dave", displayName = "Dave" });
        var staleETag = created.Headers.ETag!.ToString();
        (await tenant.Partner.PatchAsync("/api/users/dave", new { displayName = "Dave 2" }, staleETag)).EnsureStatus(200);

        await (await tenant.Partner.PatchAsync("/api/users/dave", new { displayName = "Dave 3" }, staleETag)).AssertProblemAsync(412);
        await (await tenant.Partner.DeleteAsync("/api/users/dave", staleETag)).AssertProblemAsync(412);

        var read = await (await tenant.Partner.GetAsync("/api/users/dave")).JsonAsync();
        Assert.Equal("Dave 2", read.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Patch_WithCurrentIfMatch_OrStar_Succeeds()
    {
        var tenant = await fixture.NewTenantAsync("users", "moderation");
        var created = await tenant.Partner.PostAsync("/api/users", new { id = "erin", displayName = "Erin" });

        (await tenant.Partner.PatchAsync("/api/users/erin", new { role = "moderator" }, created.Headers.ETag!.ToString())).EnsureStatus(200);
        (await tenant.Partner.PatchAsync("/api/users/erin", new { tags = new[] { "news" } }, "*")).EnsureStatus(200);
    }

    [Fact]
    public async Task MintToken_ThenMe_ReturnsTheUser()
    {
        var tenant = await fixture.NewTenantAsync("users", "moderation");
        await tenant.CreateUserAsync("frank", role: "host");

        var minted = await tenant.Partner.PostAsync("/api/users/frank/tokens", new { lifetimeMinutes = 5 });

        minted.EnsureStatus(200);
        var token = await minted.JsonAsync();
        var expiresAt = token.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.5));
        var me = await fixture.Admin.WithBearer(token.GetProperty("token").GetString()).GetAsync("/api/me");
        me.EnsureStatus(200);
        Assert.Equal("frank", (await me.JsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task MintToken_ForUnknownUser_IsNotFound_AndOverlongLifetimeIsInvalid()
    {
        var tenant = await fixture.NewTenantAsync("users");
        await tenant.CreateUserAsync("gina");

        await (await tenant.Partner.PostAsync("/api/users/nobody/tokens", body: null)).AssertProblemAsync(404);
        await (await tenant.Partner.PostAsync("/api/users/gina/tokens", new { lifetimeMinutes = 100000 })).AssertFieldErrorAsync("lifetimeMinutes");
    }
}
