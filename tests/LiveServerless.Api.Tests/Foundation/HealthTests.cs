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
    public async Task StorageDown_Health503NamesIt_AndRequestsGet503NotA500()
    {
        var closedPort = Ports.FindFree();
        var unreachable = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteOptions.DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;";
        await using var host = await fixture.StartDevHostAsync(fixture.SettingsWith(("Tables:ConnectionString", unreachable), ("Logging:LogLevel:Default", "None")));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var api = new ApiClient(http, DevHostFixture.AdminKey);

        var health = await (await api.GetAsync("/api/health")).AssertProblemAsync(503);
        Assert.Equal(["tables"], health.GetProperty("failing").EnumerateArray().Select(f => f.GetString()));

        var create = await api.PostAsync("/api/tenants", new { name = "x" });
        await create.AssertProblemAsync(503);
        Assert.NotNull(create.Headers.RetryAfter);
        await (await api.WithKey("lsk.t.k.secret").GetAsync("/api/users")).AssertProblemAsync(503);
    }
}
