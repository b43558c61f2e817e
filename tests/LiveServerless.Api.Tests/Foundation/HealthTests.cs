using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.DevHost.Local;

namespace LiveServerless.Api.Tests.Foundation;

[Collection(DevHostCollection.Name)]
public sealed class HealthTests(DevHostFixture fixture)
{
    [Fact]
    public async Task Health_WithDependenciesUp_Is200()
    {
        var response = await fixture.Admin.WithKey(null).GetAsync("/api/health");

        response.EnsureStatus(200);
        var health = await response.JsonAsync();
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Contains(health.GetProperty("dependencies").EnumerateArray(), d => d.GetProperty("name").GetString() == "tables");
    }

    [Fact]
    public async Task Liveness_Is200_AndNamesOnlyTheProcess()
    {
        var response = await fixture.Admin.WithKey(null).GetAsync("/api/health/live");

        response.EnsureStatus(200);
        var live = await response.JsonAsync();
        Assert.Equal("healthy", live.GetProperty("status").GetString());
        Assert.Equal(["process"], live.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Readiness_Is200_OnceEveryDependencyAnswersAndThePartitionsAreOwned()
    {
        // The processor claims its partitions within seconds of the start; until then readiness is 503 by design.
        var api = fixture.Admin.WithKey(null);
        var response = await Eventually.MatchesAsync(
            async () =>
            {
                var answer = await api.GetAsync("/api/health/ready");
                return (answer.StatusCode, Body: await answer.Content.ReadAsStringAsync());
            },
            answer => answer.StatusCode == System.Net.HttpStatusCode.OK,
            "Readiness",
            TimeSpan.FromSeconds(60));

        var ready = System.Text.Json.JsonDocument.Parse(response.Body).RootElement;
        var checks = ready.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("healthy", checks["dependencies"]);
        Assert.Equal("healthy", checks["stream"]);
    }

    [Fact]
    public async Task StorageDown_Health503NamesIt_AndRequestsGet503NotA500()
    {
        var closedPort = Ports.FindFree();
        var unreachable = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteOptions.DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;";
        await using var host = await fixture.StartDevHostAsync(fixture.SettingsWith(("Tables:ConnectionString", unreachable), ("Logging:LogLevel:Default", "None")));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var api = new ApiClient(http, DevHostFixture.AdminKey);

        var health = await (await api.GetAsync("/api/health")).AssertProblemAsync(503);
        Assert.Equal(["tables"], health.GetProperty("failing").EnumerateArray().Select(f => f.GetString()));
        var ready = await (await api.GetAsync("/api/health/ready")).AssertProblemAsync(503);
        Assert.Contains("dependencies", ready.GetProperty("failing").EnumerateArray().Select(f => f.GetString()));
        (await api.GetAsync("/api/health/live")).EnsureStatus(200);

        var create = await api.PostAsync("/api/tenants", new { name = "x" });
        await create.AssertProblemAsync(503);
        Assert.NotNull(create.Headers.RetryAfter);
        await (await api.WithKey("lsk.t.k.secret").GetAsync("/api/users")).AssertProblemAsync(503);
    }
}
