using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.DevHost.Local;
using static LiveServerless.Api.Tests.Ads.AdClient;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>
/// Local data survives a DevHost restart: cosmosdb-server keeps documents in memory, so DevHost snapshots them (with the stream's
/// checkpoints) under its data directory and restores them into the fresh server at the next start.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class LocalDataTests(DevHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ACampaignCreatedBeforeADevHostRestart_StillServesAfterIt()
    {
        var tenant = await fixture.NewTenantAsync();
        var room = await LiveRoomAsync(tenant);
        var viewer = await tenant.AsUserAsync(await tenant.CreateUserAsync());
        var dataDirectory = Directory.CreateTempSubdirectory("liveserverless-restart-").FullName;
        // Its own cosmosdb-server (on a port nobody runs one), database and stream, so this DevHost's processor keeps to itself.
        var settings = fixture.SettingsWith(
            ("Cosmos:ConnectionString", CosmosServer.ConnectionStringFor(Ports.FindFree())),
            ("Cosmos:DatabaseName", "devhost-persist"),
            ("EventHubs:HubName", "devhost-persist"));

        string campaignId;
        await using (var before = await fixture.StartDevHostWithLocalDependenciesAsync(settings, dataDirectory))
        {
            using var http = new HttpClient { BaseAddress = before.BaseAddress, Timeout = Deadline };
            var created = await tenant.Partner.Against(http).PostAsync("/api/campaigns", CampaignBodies.Serving());
            created.EnsureStatus(201);
            campaignId = (await created.JsonAsync()).GetProperty("id").GetString()!;
            Assert.Equal(campaignId, (await ServedAsync(viewer.Against(http), room)).GetProperty("campaignId").GetString());
        }

        var output = new CapturedOutput();
        await using var after = await fixture.StartDevHostWithLocalDependenciesAsync(settings, dataDirectory, output);
        using var afterHttp = new HttpClient { BaseAddress = after.BaseAddress, Timeout = Deadline };

        var served = await ServedAsync(viewer.Against(afterHttp), room);

        Assert.Equal(campaignId, served.GetProperty("campaignId").GetString());
        Assert.Contains(output.Lines(), l => l.Contains("documents restored from", StringComparison.Ordinal));
    }
}
