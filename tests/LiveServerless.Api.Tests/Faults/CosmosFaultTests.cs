using System.Text.Json;
using System.Text.RegularExpressions;
using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Faults;

/// <summary>
/// Cosmos DB throttling (429 with x-ms-retry-after-ms) and outage (503), injected at the wire in front of cosmosdb-server: reads
/// answer 503 with Retry-After, never a 500; the stream processor waits and retries, and once Cosmos answers again every event is
/// applied exactly once — nothing lost, nothing doubled.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed partial class CosmosFaultTests(DevHostFixture fixture)
{
    public static TheoryData<string> Faults => ["429", "503"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task CosmosThrottlingOrDown_ReadsAnswer503_AndTheStreamCatchesUpExactlyOnce(string faultName)
    {
        await using var cosmos = new FaultProxy(CosmosPort());
        await using var app = await fixture.StartDevHostAsync(fixture.SettingsWith(
            ("Cosmos:ConnectionString", PortPattern().Replace(fixture.Settings["Cosmos:ConnectionString"]!, $"localhost:{cosmos.Port}/")),
            ("EventHubs:HubName", "faults-cosmos"),
            ("Logging:LogLevel:Default", "None")));
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var tenant = await fixture.NewTenantAsync();
        var partner = tenant.Partner.Against(http);
        var hostId = await tenant.CreateUserAsync("host", role: "host");
        var roomId = await tenant.CreateRoomAsync(hostId);
        await tenant.StartRoomAsync(roomId);
        await tenant.CreateUserAsync("viewer");
        var viewer = new ApiClient(http, bearerToken: await tenant.MintTokenAsync("viewer"));
        (await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "like", count = 5 })).EnsureStatus(202);
        await StatsAsync(partner, roomId, s => s.GetProperty("likes").GetInt64() == 5);

        cosmos.Fault = faultName == "429" ? Fault.Answer(429, ("x-ms-retry-after-ms", "100"), ("x-ms-substatus", "3200")) : Fault.Answer(503);
        (await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "like", count = 4 })).EnsureStatus(202);
        var refused = await partner.GetAsync($"/api/rooms/{roomId}/stats");
        await refused.AssertProblemAsync(503);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.True(cosmos.FaultedConnections > 0, "the app never met the faulty Cosmos endpoint");

        cosmos.Fault = Fault.None;
        await StatsAsync(partner, roomId, s => s.GetProperty("likes").GetInt64() == 9);
        (await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "share" })).EnsureStatus(202);
        var settled = await StatsAsync(partner, roomId, s => s.GetProperty("shares").GetInt64() == 1);
        Assert.Equal(9, settled.GetProperty("likes").GetInt64());
    }

    private static Task<JsonElement> StatsAsync(ApiClient partner, string roomId, Func<JsonElement, bool> done) =>
        Eventually.MatchesAsync(
            async () =>
            {
                var response = await partner.GetAsync($"/api/rooms/{roomId}/stats");
                return response.IsSuccessStatusCode ? await response.JsonAsync() : default;
            },
            s => s.ValueKind == JsonValueKind.Object && done(s),
            "room statistics");

    private int CosmosPort() => int.Parse(PortPattern().Match(fixture.Settings["Cosmos:ConnectionString"]!).Groups[1].Value);

    [GeneratedRegex(@"localhost:(\d+)/")]
    private static partial Regex PortPattern();
}
