using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveServerless.DevHost;
using LiveServerless.DevHost.Local;

namespace LiveServerless.Benchmarks;

/// <summary>
/// End-to-end figures through DevHost and the emulators, each against a peer measured in the same run:
/// ingest (batched posts vs single-event posts), stream processing (events/s until the room statistics show every event),
/// and chat (posting a message — stored, checked, pushed, published — vs reading a room).
/// Run: dotnet run -c Release --project tests/LiveServerless.Benchmarks -- --e2e
/// </summary>
public static class EndToEnd
{
    private const int Batches = 40;

    private const int BatchSize = 500;

    private const int SinglePosts = 400;

    private const int ChatMessages = 200;

    private static readonly TimeSpan ChatPacing = TimeSpan.FromMilliseconds(60);

    public static async Task RunAsync(string[] args)
    {
        var repoRoot = RepoPaths.FindRoot();
        await using var dependencies = await IsolatedDependencies.StartAsync(repoRoot, ["interactions"], CancellationToken.None);
        await using var host = await DevHostApp.StartAsync(new DevHostSettings
        {
            Port = 0,
            RepoRoot = repoRoot,
            DataDirectory = Directory.CreateTempSubdirectory().FullName,
            StartLocalDependencies = false,
            Settings = dependencies.Settings,
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var world = await World.CreateAsync(http);

        Console.WriteLine($"# End-to-end run ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        await IngestAndProcessAsync(http, world);
        await ChatAsync(http, world);
        _ = args;
    }

    private static async Task IngestAndProcessAsync(HttpClient http, World world)
    {
        var batchBody = new { events = Enumerable.Repeat(new { type = "like", count = 1 }, BatchSize).ToArray() };
        var started = Stopwatch.StartNew();
        for (var i = 0; i < Batches; i++)
        {
            (await Send(http, HttpMethod.Post, $"/api/rooms/{world.RoomId}/interactions", world.ViewerTokens[i % world.ViewerTokens.Count], batchBody)).EnsureSuccessStatusCode();
        }

        var batchedTime = started.Elapsed;
        var totalBatched = Batches * BatchSize;
        await WaitForLikesAsync(http, world, totalBatched);
        var processedTime = started.Elapsed;

        started.Restart();
        for (var i = 0; i < SinglePosts; i++)
        {
            (await Send(http, HttpMethod.Post, $"/api/rooms/{world.RoomId}/interactions", world.ViewerTokens[i % world.ViewerTokens.Count], new { type = "like", count = 1 })).EnsureSuccessStatusCode();
        }

        var singleTime = started.Elapsed;
        var batchedRate = totalBatched / batchedTime.TotalSeconds;
        var singleRate = SinglePosts / singleTime.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("| Ingest | events | time | events/s |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine($"| batched posts ({BatchSize} per request, ours) | {totalBatched} | {batchedTime.TotalSeconds:0.00} s | {batchedRate:0} |");
        Console.WriteLine($"| single-event posts (peer) | {SinglePosts} | {singleTime.TotalSeconds:0.00} s | {singleRate:0} |");
        Console.WriteLine($"| ratio batched / single | | | {batchedRate / singleRate:0.0}× |");
        Console.WriteLine();
        Console.WriteLine($"Stream processing: {totalBatched} events from the first post to room statistics showing all of them in {processedTime.TotalSeconds:0.00} s = {totalBatched / processedTime.TotalSeconds:0} events/s end to end.");
    }

    private static async Task ChatAsync(HttpClient http, World world)
    {
        var post = new List<double>();
        var read = new List<double>();
        for (var i = 0; i < ChatMessages; i++)
        {
            var token = world.ViewerTokens[i % world.ViewerTokens.Count];
            var timer = Stopwatch.StartNew();
            (await Send(http, HttpMethod.Post, $"/api/rooms/{world.RoomId}/messages", token, new { text = $"message {i}" })).EnsureSuccessStatusCode();
            post.Add(timer.Elapsed.TotalMilliseconds);
            timer.Restart();
            (await Send(http, HttpMethod.Get, $"/api/rooms/{world.RoomId}/stats", token, body: null)).EnsureSuccessStatusCode();
            read.Add(timer.Elapsed.TotalMilliseconds);

            // Each viewer posts at most once a second (the per-user chat rate limit), so the run measures latency, not 429s.
            await Task.Delay(ChatPacing);
        }

        Console.WriteLine();
        Console.WriteLine("| Request | p50 | p95 | p99 |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine($"| post a chat message (5 reads, 2 writes, a SignalR push, a stream publish) | {Percentile(post, 50):0.0} ms | {Percentile(post, 95):0.0} ms | {Percentile(post, 99):0.0} ms |");
        Console.WriteLine($"| read room statistics (2 point reads, peer) | {Percentile(read, 50):0.0} ms | {Percentile(read, 95):0.0} ms | {Percentile(read, 99):0.0} ms |");
        Console.WriteLine($"| ratio post / read at p50 | {Percentile(post, 50) / Percentile(read, 50):0.0}× | | |");
    }

    private static async Task WaitForLikesAsync(HttpClient http, World world, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Send(http, HttpMethod.Get, $"/api/rooms/{world.RoomId}/stats", world.ViewerTokens[0], body: null);
            using var stats = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (stats.RootElement.GetProperty("likes").GetInt64() >= expected)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The stream did not catch up within 3 minutes.");
    }

    private static double Percentile(List<double> values, int percent) => values.Order().ElementAt(Math.Min(values.Count - 1, values.Count * percent / 100));

    private static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string bearer, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await http.SendAsync(request);
    }

    /// <summary>A tenant with a live room and 20 viewers with tokens (spread so no viewer hits a per-user limit).</summary>
    private sealed record World(string RoomId, IReadOnlyList<string> ViewerTokens)
    {
        public static async Task<World> CreateAsync(HttpClient http)
        {
            var admin = new Dictionary<string, string> { ["X-Api-Key"] = IsolatedDependencies.AdminKey };
            var tenant = await PostAsync(http, "/api/tenants", admin, new { name = "bench" });
            var key = (await PostAsync(http, $"/api/tenants/{tenant.GetProperty("id").GetString()}/keys", admin, new { scopes = new[] { "users", "rooms", "reports", "moderation" } })).GetProperty("secret").GetString()!;
            var partner = new Dictionary<string, string> { ["X-Api-Key"] = key };
            await PostAsync(http, "/api/users", partner, new { id = "host", displayName = "Host", role = "host" });
            await PostAsync(http, "/api/rooms", partner, new { id = "bench-room", hostUserId = "host", title = "Benchmark" });
            await PostAsync(http, "/api/rooms/bench-room/start", partner, null);
            var tokens = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                await PostAsync(http, "/api/users", partner, new { id = $"viewer-{i}", displayName = $"Viewer {i}" });
                tokens.Add((await PostAsync(http, $"/api/users/viewer-{i}/tokens", partner, null)).GetProperty("token").GetString()!);
            }

            return new World("bench-room", tokens);
        }

        private static async Task<JsonElement> PostAsync(HttpClient http, string path, Dictionary<string, string> headers, object? body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
            foreach (var (name, value) in headers)
            {
                request.Headers.Add(name, value);
            }

            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }
}
