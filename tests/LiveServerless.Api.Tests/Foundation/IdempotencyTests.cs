using System.Net.Http.Json;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Functions.Idempotency;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>Idempotency-Key on the creating POSTs: a retry returns the first answer and creates nothing more.</summary>
[Collection(DevHostCollection.Name)]
public sealed class IdempotencyTests(DevHostFixture fixture)
{
    [Fact]
    public async Task ARetriedCreateUser_WithTheSameKey_CreatesOneUser_AndReturnsTheFirstAnswer()
    {
        var tenant = await fixture.NewTenantAsync();
        var body = new { displayName = "Retried" };

        var first = await SendAsync(tenant, "/api/users", body, "create-user-1");
        var repeat = await SendAsync(tenant, "/api/users", body, "create-user-1");

        first.EnsureStatus(201);
        repeat.EnsureStatus(201);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal("true", repeat.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.False(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Single((await (await tenant.Partner.GetAsync("/api/users")).JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ConcurrentRepeats_CreateOnce_AndAllGetTheSameAnswer()
    {
        var tenant = await fixture.NewTenantAsync();
        var body = new { displayName = "Raced" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(tenant, "/api/users", body, "race-1")));

        Assert.All(answers, a => a.EnsureStatus(201));
        Assert.Single(answers.Select(a => a.Headers.Location!.ToString()).Distinct());
        Assert.Equal(7, answers.Count(a => a.Headers.Contains(IdempotencyMiddleware.ReplayedHeader)));
        Assert.Single((await (await tenant.Partner.GetAsync("/api/users")).JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task TheSameKey_WithADifferentBody_Is422_AndCreatesNothing()
    {
        var tenant = await fixture.NewTenantAsync();
        (await SendAsync(tenant, "/api/users", new { displayName = "First" }, "key-1")).EnsureStatus(201);

        var reused = await SendAsync(tenant, "/api/users", new { displayName = "Second" }, "key-1");

        var problem = await reused.AssertProblemAsync(422);
        Assert.EndsWith("idempotency-key-reused", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Single((await (await tenant.Partner.GetAsync("/api/users")).JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AFailedRequest_GivesItsKeyBack_SoTheCorrectedRetryRuns()
    {
        var tenant = await fixture.NewTenantAsync();
        var hostId = await tenant.CreateUserAsync(role: "host");

        (await SendAsync(tenant, "/api/rooms", new { hostUserId = "nobody", title = "Late show" }, "room-1")).EnsureStatus(404);
        var fixedBody = await SendAsync(tenant, "/api/rooms", new { hostUserId = hostId, title = "Late show" }, "room-2");
        var repeated = await SendAsync(tenant, "/api/rooms", new { hostUserId = hostId, title = "Late show" }, "room-2");

        fixedBody.EnsureStatus(201);
        repeated.EnsureStatus(201);
        Assert.Single((await (await tenant.Partner.GetAsync("/api/rooms")).JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task EveryCreatingPost_HonoursTheKey()
    {
        var tenant = await fixture.NewTenantAsync();
        var userId = await tenant.CreateUserAsync(role: "host");
        var cases = new (string Path, object Body, bool Admin)[]
        {
            ("/api/tenants", new { name = "Once" }, true),
            ($"/api/tenants/{tenant.Id}/keys", new { scopes = new[] { "users" } }, true),
            ("/api/rooms", new { hostUserId = userId, title = "Once" }, false),
            ("/api/campaigns", CampaignBodies.Valid(), false),
            ($"/api/users/{userId}/wallet/credits", new { amount = 5, reference = "once" }, false),
            ("/api/webhooks", new { url = RouteCatalog.ArrangedWebhookUrl, events = new[] { "room.started" } }, false),
        };

        foreach (var (path, body, admin) in cases)
        {
            var client = admin ? fixture.Admin : tenant.Partner;
            var first = await SendAsync(client, path, body, "every-" + path.GetHashCode(StringComparison.Ordinal));
            var repeat = await SendAsync(client, path, body, "every-" + path.GetHashCode(StringComparison.Ordinal));
            Assert.True(first.IsSuccessStatusCode, $"{path}: {(int)first.StatusCode}");
            Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
            Assert.True(repeat.Headers.Contains(IdempotencyMiddleware.ReplayedHeader), path);
        }
    }

    [Fact]
    public async Task AnUnusableKey_IsABadRequest()
    {
        var tenant = await fixture.NewTenantAsync();

        var response = await SendAsync(tenant, "/api/users", new { displayName = "x" }, new string('k', 256));

        await response.AssertFieldErrorAsync(IdempotencyMiddleware.Header);
    }

    [Fact]
    public async Task EveryPostThatCreates_IsAnIdempotentRoute_AndEveryIdempotentRouteIsServed()
    {
        var arrangement = await Arrangement.CreateAsync(fixture);
        var functions = fixture.Host.Worker.Functions
            .Where(f => f.Trigger is LiveServerless.DevHost.Worker.HttpTrigger)
            .Select(f => (f.Name, Trigger: (LiveServerless.DevHost.Worker.HttpTrigger)f.Trigger))
            .ToArray();
        var creating = new List<string>();
        foreach (var route in RouteCatalog.All.Where(r => r.Method == "POST" && r.Audience is Audience.Admin or Audience.Partner))
        {
            var response = await arrangement.ClientFor(route, fixture).SendAsync(HttpMethod.Post, route.Path(arrangement.Ids), route.ValidBody(arrangement.Ids));
            if ((int)response.StatusCode == 201)
            {
                creating.Add(functions.Single(f => "/api/" + f.Trigger.Route == route.Template && f.Trigger.Methods.Contains("post", StringComparer.OrdinalIgnoreCase)).Name);
            }
        }

        Assert.Equal(IdempotentRoutes.Functions.Order(), creating.Order());
    }

    private static Task<HttpResponseMessage> SendAsync(Tenant tenant, string path, object body, string key) => SendAsync(tenant.Partner, path, body, key);

    private static async Task<HttpResponseMessage> SendAsync(ApiClient client, string path, object body, string key)
    {
        return await client.SendWithHeadersAsync(HttpMethod.Post, path, JsonContent.Create(body), (IdempotencyMiddleware.Header, key));
    }
}
