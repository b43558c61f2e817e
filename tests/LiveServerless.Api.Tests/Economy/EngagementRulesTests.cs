using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Economy;

/// <summary>What a viewer may inject: banned viewers nothing, likes and shares within per-room caps, and staff roles only through moderation keys.</summary>
[Collection(DevHostCollection.Name)]
public sealed class EngagementRulesTests(DevHostFixture fixture)
{
    [Fact]
    public async Task ABannedViewer_CannotInteract_AndNothingOfTheirsIsCounted()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        (await scene.Tenant.Partner.PostAsync($"/api/rooms/{scene.RoomId}/moderation", new { action = "ban", userId = scene.ViewerId })).EnsureStatus(201);

        await (await scene.Viewer.PostAsync($"/api/rooms/{scene.RoomId}/interactions", new { type = "like", count = 50 })).AssertProblemAsync(403);
        await (await scene.Viewer.PostAsync($"/api/rooms/{scene.RoomId}/interactions", new { type = "share" })).AssertProblemAsync(403);

        await scene.Tenant.CreateUserAsync("fair");
        (await (await scene.Tenant.AsUserAsync("fair")).PostAsync($"/api/rooms/{scene.RoomId}/interactions", new { type = "like" })).EnsureStatus(202);
        var stats = await Eventually.MatchesAsync(scene.StatsAsync, s => s.GetProperty("likes").GetInt64() >= 1);
        Assert.Equal(1, stats.GetProperty("likes").GetInt64());
        Assert.Equal(0, stats.GetProperty("shares").GetInt64());
    }

    [Fact]
    public async Task SharesBeyondThePerMinuteCap_Are429_WithRateLimitHeaders()
    {
        var scene = await EconomyScene.CreateAsync(fixture);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 11; i++)
        {
            answers.Add(await scene.Viewer.PostAsync($"/api/rooms/{scene.RoomId}/interactions", new { type = "share" }));
        }

        Assert.All(answers.Take(10), a => a.EnsureStatus(202));
        await answers[10].AssertProblemAsync(429);
        Assert.NotNull(answers[10].Headers.RetryAfter);
        Assert.Contains("\"shares\";q=10;w=60", answers[10].Headers.GetValues("RateLimit-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("\"tenant-events\";q=1000;w=1", answers[0].Headers.GetValues("RateLimit-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("\"shares\";r=9;", answers[0].Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyWithoutModeration_CannotMakeStaff_ButCanManageViewers()
    {
        var tenant = await fixture.NewTenantAsync("users");
        var usersOnly = tenant.Partner;

        await (await usersOnly.PostAsync("/api/users", new { id = "mod", displayName = "Mod", role = "moderator" })).AssertProblemAsync(403);
        await (await usersOnly.PostAsync("/api/users", new { id = "hst", displayName = "Host", role = "host" })).AssertProblemAsync(403);
        (await usersOnly.PostAsync("/api/users", new { id = "fan", displayName = "Fan" })).EnsureStatus(201);
        await (await usersOnly.PatchAsync("/api/users/fan", new { role = "moderator" })).AssertProblemAsync(403);
        (await usersOnly.PatchAsync("/api/users/fan", new { displayName = "Fan 2" })).EnsureStatus(200);

        var user = await (await usersOnly.GetAsync("/api/users/fan")).JsonAsync();
        Assert.Equal("viewer", user.GetProperty("role").GetString());
    }
}
