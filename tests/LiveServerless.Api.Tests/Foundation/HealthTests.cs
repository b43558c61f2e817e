using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.DevHost;
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
        var unreachable = fixture.StorageConnectionString.Replace(
            $"TableEndpoint=http://127.0.0.1:{new Uri(fixture.StorageConnectionString.Split("TableEndpoint=")[1].Split(';')[0]).Port}",
            $"TableEndpoint=http://127.0.0.1:{closedPort}",
            StringComparison.Ordinal);
        await using var host = await DevHostApp.StartAsync(new DevHostSettings
        {
            Port = 0,
            RepoRoot = fixture.RepoRoot,
            DataDirectory = Directory.CreateTempSubdirectory().FullName,
            Settings = new Dictionary<string, string?>
            {
                ["Tables:ConnectionString"] = unreachable,
                ["AzureWebJobsStorage"] = unreachable,
                ["Admin:ApiKey"] = DevHostFixture.AdminKey,
                ["Logging:LogLevel:Default"] = "None",
            },
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var api = new ApiClient(http, DevHostFixture.AdminKey);

        var health = await (await api.GetAsync("/api/health")).AssertProblemAsync(503);
        Assert.Equal("tables", health.GetProperty("failing")[0].GetString());

        var create = await api.PostAsync("/api/tenants", new { name = "x" });
        await create.AssertProblemAsync(503);
        Assert.NotNull(create.Headers.RetryAfter);
        await (await api.WithKey("lsk.t.k.secret").GetAsync("/api/users")).AssertProblemAsync(503);
    }
}
