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

    [Fact]
    public async Task RoomStatistics_AcrossADevHostRestart_CountEveryInteractionExactlyOnce()
    {
        var tenant = await fixture.NewTenantAsync();
        var room = await LiveRoomAsync(tenant);
        var fan = await tenant.AsUserAsync(await tenant.CreateUserAsync());
        var dataDirectory = Directory.CreateTempSubdirectory("liveserverless-restart-").FullName;
        // Its own Event Hubs emulator (persisted in the data directory, with the app's consumer group) and cosmosdb-server, as
        // `dotnet run` starts them: the snapshot's checkpoints and documents must agree, or a restart counts events twice or never.
        // A hub name of its own too: checkpoints are kept per namespace host ("localhost"), hub and group, in the shared Azurite.
        var settings = fixture.SettingsWith(
            ("EventHubs:ConnectionString", $"Endpoint=sb://localhost:{Ports.FindFree()};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;"),
            ("EventHubs:HubName", "devhost-persist-stats"),
            ("Cosmos:ConnectionString", CosmosServer.ConnectionStringFor(Ports.FindFree())),
            ("Cosmos:DatabaseName", "devhost-persist-stats"));

        await using (var before = await fixture.StartDevHostWithLocalDependenciesAsync(settings, dataDirectory))
        {
            using var http = new HttpClient { BaseAddress = before.BaseAddress, Timeout = Deadline };
            await PostLikesAsync(fan.Against(http), room, rounds: 5);
            await StatsAsync(tenant.Partner.Against(http), room, likes: 5 * 7);
        }

        var output = new CapturedOutput();
        await using var after = await fixture.StartDevHostWithLocalDependenciesAsync(settings, dataDirectory, output);
        using var afterHttp = new HttpClient { BaseAddress = after.BaseAddress, Timeout = Deadline };
        await PostLikesAsync(fan.Against(afterHttp), room, rounds: 5);

        var stats = await StatsAsync(tenant.Partner.Against(afterHttp), room, likes: 10 * 7);

        Assert.Equal(10 * 7, stats.GetProperty("likes").GetInt64());
        Assert.Equal(10, stats.GetProperty("shares").GetInt64());
        Assert.Contains(output.Lines(), l => l.Contains("Event Hubs emulator: started", StringComparison.Ordinal));
    }

    private static async Task PostLikesAsync(ApiClient fan, string roomId, int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            (await fan.PostAsync($"/api/rooms/{roomId}/interactions", new { events = new object[] { new { type = "like", count = 7 }, new { type = "share" } } })).EnsureStatus(202);
        }
    }

    /// <summary>The room's statistics once they count at least <paramref name="likes"/> likes.</summary>
    private static Task<System.Text.Json.JsonElement> StatsAsync(ApiClient partner, string roomId, long likes) =>
        Eventually.MatchesAsync(
            async () => await (await partner.GetAsync($"/api/rooms/{roomId}/stats")).JsonAsync(),
            stats => stats.TryGetProperty("likes", out var counted) && counted.GetInt64() >= likes,
            $"room statistics counting {likes} likes");
}
