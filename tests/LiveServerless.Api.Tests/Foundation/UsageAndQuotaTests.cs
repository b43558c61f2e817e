using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>Usage per tenant per day counts exactly what the tenant did; the admin's per-tenant quotas hold with 429 and RateLimit fields.</summary>
[Collection(DevHostCollection.Name)]
public sealed class UsageAndQuotaTests(DevHostFixture fixture)
{
    [Fact]
    public async Task Usage_CountsWhatTheTestDid()
    {
        var tenant = await fixture.NewTenantAsync();
        var hostId = await tenant.CreateUserAsync(role: "host");                                 // users 1
        var viewerId = await tenant.CreateUserAsync();                                           // users 2
        var roomId = await tenant.CreateRoomAsync(hostId);                                       // rooms 1
        await tenant.StartRoomAsync(roomId);                                                     // rooms 2
        var viewer = await tenant.AsUserAsync(viewerId);                                         // users 3 (token)
        (await viewer.PostAsync($"/api/rooms/{roomId}/messages", new { text = "hello" })).EnsureStatus(201);
        (await viewer.PostAsync($"/api/rooms/{roomId}/messages", new { text = "again" })).EnsureStatus(201);
        (await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { events = new object[] { new { type = "like", count = 4 }, new { type = "share" }, new { type = "like" } } }))
            .EnsureStatus(202);
        (await tenant.Partner.GetAsync($"/api/rooms/{roomId}/stats")).EnsureStatus(200);      // reports 1

        var usage = await (await tenant.Partner.GetAsync("/api/usage")).JsonAsync();           // reports 2

        var today = Assert.Single(usage.GetProperty("days").EnumerateArray());
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), today.GetProperty("date").GetString());
        var calls = today.GetProperty("apiCalls");
        Assert.Equal(3, calls.GetProperty("users").GetInt64());
        Assert.Equal(2, calls.GetProperty("rooms").GetInt64());
        Assert.Equal(2, calls.GetProperty("reports").GetInt64());
        Assert.Equal(0, calls.GetProperty("economy").GetInt64());
        Assert.Equal(3, today.GetProperty("eventsIngested").GetInt64());
        Assert.Equal(2, today.GetProperty("chatMessages").GetInt64());
        Assert.Equal(0, today.GetProperty("webhookDeliveries").GetInt64());

        var all = await (await fixture.Admin.GetAsync("/api/usage/tenants")).JsonAsync();
        var mine = all.GetProperty("tenants").EnumerateArray().Single(t => t.GetProperty("tenantId").GetString() == tenant.Id);
        Assert.Equal(3, mine.GetProperty("days")[0].GetProperty("apiCalls").GetProperty("users").GetInt64());
    }

    [Fact]
    public async Task Usage_RefusesABadRange()
    {
        var tenant = await fixture.NewTenantAsync();

        await (await tenant.Partner.GetAsync("/api/usage?from=yesterday")).AssertFieldErrorAsync("from");
        await (await tenant.Partner.GetAsync("/api/usage?from=2026-02-01&to=2026-01-01")).AssertFieldErrorAsync("from");
        await (await tenant.Partner.GetAsync("/api/usage?from=2025-01-01&to=2026-01-01")).AssertFieldErrorAsync("from");
    }

    [Fact]
    public async Task TheAdminsRequestQuota_Answers429WithRetryAfter_AndEveryAnswerSaysWhatIsLeft()
    {
        var tenant = await fixture.NewTenantAsync();
        (await fixture.Admin.PatchAsync($"/api/tenants/{tenant.Id}", new { quotas = new { requestsPerMinutePerKey = 3 } })).EnsureStatus(200);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await tenant.Partner.GetAsync("/api/users"));
        }

        Assert.All(answers.Take(3), a => a.EnsureStatus(200));
        Assert.Equal("\"key-requests\";q=3;w=60", answers[0].Headers.GetValues("RateLimit-Policy").Single());
        Assert.Equal("\"key-requests\";r=2;t=20", answers[0].Headers.GetValues("RateLimit").Single());
        var refused = answers[3];
        await refused.AssertProblemAsync(429);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("key-requests", refused.Headers.GetValues("RateLimit-Policy").Single(), StringComparison.Ordinal);
        var tenantAfter = await (await fixture.Admin.GetAsync($"/api/tenants/{tenant.Id}")).JsonAsync();
        Assert.Equal(3, tenantAfter.GetProperty("quotas").GetProperty("requestsPerMinutePerKey").GetInt32());
    }

    [Fact]
    public async Task TheAdminsEventQuota_HoldsForTheTenantsClients()
    {
        var tenant = await fixture.NewTenantAsync();
        (await fixture.Admin.PatchAsync($"/api/tenants/{tenant.Id}", new { quotas = new { eventsPerSecond = 2 } })).EnsureStatus(200);
        var hostId = await tenant.CreateUserAsync(role: "host");
        var roomId = await tenant.CreateRoomAsync(hostId);
        await tenant.StartRoomAsync(roomId);
        var viewer = await tenant.AsUserAsync(await tenant.CreateUserAsync());

        var tooMany = await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { events = new object[] { new { type = "share" }, new { type = "share" }, new { type = "share" } } });

        Assert.Equal(400, (int)tooMany.StatusCode);
        Assert.Contains("At most 2", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuotaOutOfRange_IsRefused()
    {
        var tenant = await fixture.NewTenantAsync();

        var response = await fixture.Admin.PatchAsync($"/api/tenants/{tenant.Id}", new { quotas = new { eventsPerSecond = 0 } });

        await response.AssertFieldErrorAsync("quotas.eventsPerSecond");
    }
}
