using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.DevHost;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>
/// DevHost as a Functions host: the function app runs as its own worker process, failures travel through the worker's middleware,
/// a worker that dies is replaced without losing effects, and DevHost's output stays quiet and free of credentials. Also what it
/// serves besides the functions: the web app of web/ at /, the vendor libraries at /lib/, and /demo, the old demo page's address.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed partial class DevHostTests(DevHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/demo/", "text/html")]
    [InlineData("/app/main.js", "text/javascript")]
    [InlineData("/shared/api.js", "text/javascript")]
    [InlineData("/config.js", "text/javascript")]
    [InlineData("/lib/signalr.min.js", "text/javascript")]
    public async Task TheWebApp_IsServed(string path, string mediaType)
    {
        using var response = await fixture.Http.GetAsync(path);

        response.EnsureStatus(200);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void TheFunctionApp_RunsAsItsOwnProcess_AndTheBannerSaysSo()
    {
        var worker = fixture.Host.Worker;
        using var process = Process.GetProcessById(worker.Process.Id);

        Assert.NotEqual(Environment.ProcessId, worker.Process.Id);
        Assert.False(process.HasExited);
        Assert.Contains(worker.Functions, f => f.Name == "GetHealth");
        Assert.Contains(fixture.Output.Lines(), l => l.Contains($"started the function app as process {worker.Process.Id}", StringComparison.Ordinal));
        Assert.Contains(fixture.Output.Lines(), l => l.Contains("(Development)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFunctionThatThrowsOnADependencyFailure_AnswersAProblemDocument_FromTheWorkersMiddleware()
    {
        var tenant = await fixture.NewTenantAsync();
        var roomId = await tenant.CreateRoomAsync(await tenant.CreateUserAsync(role: "host"));
        var key = await IssueKeyAsync(tenant.Id);
        // Cosmos "answers" from a server that is no Cosmos DB (Azurite's table endpoint): the stats read throws a CosmosException.
        var notCosmos = new Uri(new Uri(fixture.StorageConnectionString.Split(';').Single(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal))["TableEndpoint=".Length..]), "/");
        var output = new CapturedOutput();
        await using var host = await fixture.StartDevHostAsync(
            fixture.SettingsWith(
                ("Cosmos:ConnectionString", $"AccountEndpoint={notCosmos};AccountKey={Convert.ToBase64String(new byte[64])}"),
                ("Cosmos:EnsureCreated", "false"),
                ("EventHubs:HubName", "devhost-faults")),
            output);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = Deadline };

        var response = await new ApiClient(http, key).GetAsync($"/api/rooms/{roomId}/stats");

        await response.AssertProblemAsync(503);
        var problem = await response.JsonAsync();
        Assert.Equal($"/api/rooms/{roomId}/stats", problem.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain(" at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The worker's log entry (an error: the dependency refused the request) arrives as an rpc_log (possibly just after the response)
        // and DevHost prints it, naming the request.
        await Eventually.MatchesAsync(
            () => Task.FromResult(output.Lines().Where(l => l.StartsWith("fail", StringComparison.Ordinal) || l.StartsWith("warn", StringComparison.Ordinal)).ToList()),
            seen => seen.Any(l => l.StartsWith("fail: ", StringComparison.Ordinal) && l.Contains($"/api/rooms/{roomId}/stats", StringComparison.Ordinal)),
            "DevHost printing the worker's error for the request",
            Deadline);
    }

    [Fact]
    public async Task KillingTheWorkerMidStream_AndLettingDevHostRestartIt_LeavesRoomStatisticsExact()
    {
        var tenant = await fixture.NewTenantAsync();
        var roomId = await tenant.CreateRoomAsync(await tenant.CreateUserAsync(role: "host"));
        await tenant.StartRoomAsync(roomId);
        var fans = new[] { "fan-1", "fan-2", "fan-3", "fan-4" };
        var tokens = new Dictionary<string, string>();
        foreach (var fan in fans)
        {
            await tenant.CreateUserAsync(fan);
            tokens[fan] = await tenant.MintTokenAsync(fan);
        }

        var key = await IssueKeyAsync(tenant.Id);
        var output = new CapturedOutput();
        // Partition ownership of a killed processor expires after 4 s instead of Azure's 30 s, so the restarted one takes over soon.
        await using var host = await fixture.StartDevHostAsync(
            fixture.SettingsWith(
                ("EventHubs:HubName", "devhost-restart"),
                ("Cosmos:DatabaseName", "devhost-restart"),
                ("Processor:PartitionOwnershipExpirationInterval", "00:00:04"),
                ("Processor:LoadBalancingUpdateInterval", "00:00:01")),
            output);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = Deadline };
        var client = new ApiClient(http);

        foreach (var fan in fans.Take(2))
        {
            await PostLikesAsync(client.WithBearer(tokens[fan]), roomId, rounds: 10);
        }

        // The processor is still working through the first half when its process dies.
        var killed = host.Worker.Process.Id;
        host.Worker.Process.Kill(entireProcessTree: true);
        await Eventually.HoldsAsync(async () => (await host.WorkerReadyAsync()).Process.Id != killed, "A new worker process", Deadline);

        foreach (var fan in fans.Skip(2))
        {
            await PostLikesAsync(client.WithBearer(tokens[fan]), roomId, rounds: 10);
        }

        var partner = new ApiClient(http, key);
        var stats = await Eventually.MatchesAsync(
            async () => await (await partner.GetAsync($"/api/rooms/{roomId}/stats")).JsonAsync(),
            s => s.GetProperty("likes").GetInt64() >= 4 * 10 * 7 && s.GetProperty("shares").GetInt64() >= 4 * 10,
            "The room's statistics",
            Deadline);
        Assert.Equal(4 * 10 * 7, stats.GetProperty("likes").GetInt64());
        Assert.Equal(4 * 10, stats.GetProperty("shares").GetInt64());
        Assert.Contains(output.Lines(), l => l.Contains($"The worker (process {killed}) exited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DevHostsOutput_AfterAWalkthrough_HoldsNoTokensOrKeys_AndAtMostOneLinePerCall()
    {
        var before = fixture.Output.Lines().Length;
        var tenant = await fixture.NewTenantAsync();
        var key = await IssueKeyAsync(tenant.Id);
        var partner = new ApiClient(fixture.Http, key);
        (await partner.PostAsync("/api/users", new { id = "alice", displayName = "Alice", role = "host", tags = new[] { "jazz" } })).EnsureStatus(201);
        var alice = partner.WithBearer(await tenant.MintTokenAsync("alice"));
        (await alice.GetAsync("/api/me")).EnsureStatus(200);
        (await partner.PostAsync("/api/rooms", new { id = "jazz-night", hostUserId = "alice", title = "Late night jazz", tags = new[] { "jazz" } })).EnsureStatus(201);
        (await partner.PostAsync("/api/rooms/jazz-night/start", body: null)).EnsureStatus(200);
        (await partner.PostAsync("/api/users", new { id = "bob", displayName = "Bob", tags = new[] { "jazz" } })).EnsureStatus(201);
        var bobToken = await tenant.MintTokenAsync("bob");
        var bob = partner.WithBearer(bobToken);
        (await bob.PostAsync("/api/negotiate", body: null)).EnsureStatus(200);
        await using (var realtime = await RealtimeClient.ConnectAsync(fixture.Host.BaseAddress, bobToken))
        {
            (await bob.PostAsync("/api/rooms/jazz-night/join", body: null)).EnsureStatus(200);
            (await bob.PostAsync("/api/rooms/jazz-night/messages", new { text = "hi" })).EnsureStatus(201);
            await realtime.WaitForMessageAsync("hi");
        }

        (await bob.PostAsync("/api/rooms/jazz-night/interactions", new { events = new object[] { new { type = "like", count = 25 }, new { type = "follow" } } })).EnsureStatus(202);
        (await partner.GetAsync("/api/rooms/jazz-night/stats")).EnsureStatus(200);
        (await bob.GetAsync("/api/me/recommendations")).EnsureStatus(200);
        (await partner.GetAsync("/api/users/bob/profile")).EnsureStatus(200);

        var lines = fixture.Output.Lines();
        var leaks = lines.Where(l => Jwt().IsMatch(l) || PartnerKey().IsMatch(l) || l.Contains(DevHostFixture.AdminKey, StringComparison.Ordinal)).ToArray();
        Assert.True(leaks.Length == 0, "DevHost printed credentials:" + Environment.NewLine + string.Join(Environment.NewLine, leaks));
        var calls = lines.Skip(before).Count(l => l.StartsWith("info: LiveServerless.DevHost.Calls:", StringComparison.Ordinal));
        Assert.InRange(calls, 1, 20);
        // The one informational line the worker may print is the meters' summary, once a minute.
        Assert.DoesNotContain(lines, l => (l.StartsWith("info: Worker.", StringComparison.Ordinal) && !l.StartsWith(MeterSummaryLine, StringComparison.Ordinal))
            || l.StartsWith("info: System.Net.Http", StringComparison.Ordinal));
    }

    private const string MeterSummaryLine = "info: Worker.LiveServerless.Functions.Operations.MeterSummary:";

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"lsk\.[A-Za-z0-9]+\.[A-Za-z0-9]+\.[A-Za-z0-9_-]+")]
    private static partial Regex PartnerKey();

    private static async Task PostLikesAsync(ApiClient fan, string roomId, int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            (await fan.PostAsync($"/api/rooms/{roomId}/interactions", new { events = new object[] { new { type = "like", count = 7 }, new { type = "share" } } })).EnsureStatus(202);
        }
    }


    private async Task<string> IssueKeyAsync(string tenantId)
    {
        var issued = await fixture.Admin.PostAsync($"/api/tenants/{tenantId}/keys", new { scopes = new[] { "users", "rooms", "moderation", "ads", "reports" } });
        issued.EnsureStatus(201);
        return (await issued.JsonAsync()).GetProperty("secret").GetString()!;
    }
}
