using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveServerless.DevHost.Local;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveServerless.Benchmarks.FanOut;

/// <summary>
/// LiveServerless through DevHost, in a process of its own (<see cref="FanOutHost"/>) with its private emulators: listeners
/// are the official .NET SignalR client negotiating at <c>/api/negotiate</c> and joining with <c>POST /api/rooms/{id}/join</c>;
/// posts are <c>POST /api/rooms/{id}/messages</c> with the sender's user token. Understands both today's per-event targets
/// and the batched <c>roomEvents</c> target (every chat message inside a batch is a delivery; the batch is one frame).
/// </summary>
public sealed class LiveServerlessTarget(string repoRoot) : IChatTarget
{
    public const string RoomId = "fanout-room";

    /// <summary>Today's per-event targets, one invocation per event.</summary>
    private static readonly string[] PerEventTargets = ["chatMessage", "messageDeleted", "viewers", "pinned", "moderation", "roomStats"];

    private static readonly TimeSpan PresenceRefresh = TimeSpan.FromSeconds(20);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("fanout-devhost-").FullName;

    private readonly Stopwatch _sincePresence = Stopwatch.StartNew();

    private ServerProcess? _server;

    private HttpClient? _http;

    private string[] _tokens = [];

    public string Name => "LiveServerless (DevHost)";

    public int ProcessId => _server?.Id ?? 0;

    private HttpClient Http => _http ?? throw new InvalidOperationException("Start the target first.");

    public async Task StartAsync(int users, CancellationToken cancellationToken)
    {
        var port = Ports.FindFree();
        var (fileName, arguments) = FanOutHost.CommandLine(port, _dataDirectory);
        _server = ServerProcess.Start("DevHost", fileName, arguments, repoRoot);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), Timeout = TimeSpan.FromMinutes(1) };
        await WaitUntilHealthyAsync(cancellationToken);
        _tokens = await CreateWorldAsync(users, cancellationToken);
    }

    public async Task<IAsyncDisposable> ListenAsync(int user, Deliveries deliveries, CancellationToken cancellationToken)
    {
        var token = _tokens[user];
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Http.BaseAddress!, "api"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        foreach (var target in PerEventTargets)
        {
            var isChat = target == "chatMessage";
            connection.On<JsonElement>(target, payload =>
            {
                deliveries.Frame();
                if (isChat)
                {
                    deliveries.ChatMessage(payload.GetProperty("text").GetString());
                }
            });
        }

        connection.On<JsonElement>("roomEvents", batch =>
        {
            deliveries.Frame();
            foreach (var roomEvent in batch.GetProperty("events").EnumerateArray())
            {
                if (roomEvent.GetProperty("type").GetString() == "chatMessage")
                {
                    deliveries.ChatMessage(roomEvent.GetProperty("data").GetProperty("text").GetString());
                }
            }
        });

        await connection.StartAsync(cancellationToken);
        using var join = await SendAsync(HttpMethod.Post, $"api/rooms/{RoomId}/join", token, cancellationToken);
        join.EnsureSuccessStatusCode();
        return connection;
    }

    public async Task KeepPresenceAsync(IReadOnlyList<int> users, CancellationToken cancellationToken)
    {
        if (_sincePresence.Elapsed < PresenceRefresh)
        {
            return;
        }

        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (user, token) =>
        {
            using var response = await SendAsync(HttpMethod.Post, $"api/rooms/{RoomId}/heartbeat", _tokens[user], token);
            response.EnsureSuccessStatusCode();
        });
        _sincePresence.Restart();
    }

    public async Task<HttpStatusCode> PostAsync(int user, string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/rooms/{RoomId}/messages") { Content = ChatText.JsonBody(new { text }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[user]);
        using var response = await Http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            _server!.EnsureRunning();
            try
            {
                using var response = await Http.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"DevHost was not healthy within 3 minutes:\n{_server.RecentOutput()}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>A tenant, a live room hosted by "host", and <paramref name="users"/> viewers with user tokens (returned by index).</summary>
    private async Task<string[]> CreateWorldAsync(int users, CancellationToken cancellationToken)
    {
        var admin = new Dictionary<string, string> { ["X-Api-Key"] = IsolatedDependencies.AdminKey };
        var tenant = await PostJsonAsync("api/tenants", admin, new { name = "fan-out" }, cancellationToken);
        var keyPath = $"api/tenants/{tenant.GetProperty("id").GetString()}/keys";
        var key = (await PostJsonAsync(keyPath, admin, new { scopes = new[] { "users", "rooms", "moderation" } }, cancellationToken)).GetProperty("secret").GetString()!;
        var partner = new Dictionary<string, string> { ["X-Api-Key"] = key };
        await PostJsonAsync("api/users", partner, new { id = "host", displayName = "Host", role = "host" }, cancellationToken);
        await PostJsonAsync("api/rooms", partner, new { id = RoomId, hostUserId = "host", title = "Fan-out" }, cancellationToken);
        await PostJsonAsync($"api/rooms/{RoomId}/start", partner, null, cancellationToken);

        var tokens = new string[users];
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (user, token) =>
        {
            var id = FanOutRun.UserId(user);
            await PostJsonAsync("api/users", partner, new { id, displayName = FanOutRun.DisplayName(user) }, token);
            tokens[user] = (await PostJsonAsync($"api/users/{id}/tokens", partner, null, token)).GetProperty("token").GetString()!;
        });
        return tokens;
    }

    private async Task<JsonElement> PostJsonAsync(string path, Dictionary<string, string> headers, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string bearer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await Http.SendAsync(request, cancellationToken);
    }
}
