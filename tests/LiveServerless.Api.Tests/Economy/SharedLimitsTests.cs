using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Economy;

/// <summary>
/// Limits hold across app instances: two DevHosts share the emulators (as two Function App instances share Azure), and a client
/// alternating between them gets no more than one instance would give it.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class SharedLimitsTests(DevHostFixture fixture)
{
    [Fact]
    public async Task PerUserLimits_HoldForAClientAlternatingBetweenTwoInstances()
    {
        await using var second = await fixture.StartDevHostAsync(fixture.SettingsWith(("Logging:LogLevel:Default", "Warning")));
        using var secondHttp = new HttpClient { BaseAddress = second.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var scene = await EconomyScene.CreateAsync(fixture);
        var token = await scene.Tenant.MintTokenAsync(scene.ViewerId);
        ApiClient[] instances = [new(fixture.Http, bearerToken: token), new(secondHttp, bearerToken: token)];

        var shares = new List<int>();
        var sharing = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 14; i++)
        {
            shares.Add((int)(await instances[i % 2].PostAsync($"/api/rooms/{scene.RoomId}/interactions", new { type = "share" })).StatusCode);
        }

        var sharedFor = sharing.Elapsed;
        var chats = new List<int>();
        var chatting = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            chats.Add((int)(await instances[i % 2].PostAsync($"/api/rooms/{scene.RoomId}/messages", new { text = $"hello {i}" })).StatusCode);
        }

        // 10 a minute: the burst of 10, plus one token per 6 s the loop took (a slow machine takes several seconds for 14 calls).
        var accepted = shares.Count(s => s == 202);
        Assert.InRange(accepted, 10, 10 + (int)(sharedFor.TotalSeconds / 6));
        Assert.Equal(14 - accepted, shares.Count(s => s == 429));
        // Chat: the burst of 5, plus one token per second the 10 posts took (rounded up: a token may arrive mid-second).
        Assert.InRange(chats.Count(s => s == 201), 5, 5 + (int)Math.Ceiling(chatting.Elapsed.TotalSeconds));
        Assert.All(chats.Where(s => s != 201), s => Assert.Equal(429, s));
    }

    [Fact]
    public async Task ATenantsIngestQuota_HoldsAcrossInstances_And429sWithRetryAfterAndRateLimitFields()
    {
        var quota = fixture.SettingsWith(("Limits:TenantEventsPerSecond", "20"), ("Logging:LogLevel:Default", "Warning"));
        await using var a = await fixture.StartDevHostAsync(quota);
        await using var b = await fixture.StartDevHostAsync(quota);
        using var httpA = new HttpClient { BaseAddress = a.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var httpB = new HttpClient { BaseAddress = b.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var scene = await EconomyScene.CreateAsync(fixture);
        var token = await scene.Tenant.MintTokenAsync(scene.ViewerId);
        ApiClient[] instances = [new(httpA, bearerToken: token), new(httpB, bearerToken: token)];
        var started = DateTime.UtcNow;

        var accepted = 0;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 40 && refused is null; i++)
        {
            var answer = await instances[i % 2].PostAsync($"/api/rooms/{scene.RoomId}/interactions", new { events = new[] { new { type = "like" }, new { type = "like" }, new { type = "like" }, new { type = "like" } } });
            if ((int)answer.StatusCode == 202)
            {
                accepted += 4;
            }
            else
            {
                refused = answer;
            }
        }

        Assert.NotNull(refused);
        await refused.AssertProblemAsync(429);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("\"tenant-events\";q=20;w=1", refused.Headers.GetValues("RateLimit-Policy").Single(), StringComparison.Ordinal);
        Assert.StartsWith("\"tenant-events\";r=", refused.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);

        // A full bucket of 20, plus what refilled at 20 a second while the requests ran.
        var allowed = 20 + (DateTime.UtcNow - started).TotalSeconds * 20;
        Assert.InRange(accepted, 1, allowed);
    }

    [Fact]
    public async Task AdDecisions_AreLimitedPerUser()
    {
        await using var host = await fixture.StartDevHostAsync(fixture.SettingsWith(("Limits:AdDecisionsPerMinute", "3"), ("Logging:LogLevel:Default", "Warning")));
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var scene = await EconomyScene.CreateAsync(fixture);
        var viewer = new ApiClient(http, bearerToken: await scene.Tenant.MintTokenAsync(scene.ViewerId));

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await viewer.GetAsync($"/api/ads/decision?roomId={scene.RoomId}"));
        }

        Assert.All(answers.Take(3), a => Assert.Contains((int)a.StatusCode, new[] { 200, 204 }));
        await answers[3].AssertProblemAsync(429);
        Assert.Contains("\"ad-decisions\";q=3;w=60", answers[0].Headers.GetValues("RateLimit-Policy").Single(), StringComparison.Ordinal);
    }
}
