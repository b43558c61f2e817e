using LiveServerless.DevHost;
using LiveServerless.DevHost.Local;
using LiveServerless.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>
/// One DevHost for the whole test run, on a free port, against its own <see cref="IsolatedDependencies"/> (Azurite,
/// cosmosdb-server, Event Hubs and SignalR emulators, all in memory on free ports), so tests never touch a developer's data or ports.
/// DevHost runs the function app's own worker process, so every request goes through Program.cs and the worker's middleware.
/// Tests isolate themselves by creating their own tenant.
/// </summary>
public sealed class DevHostFixture : IAsyncLifetime
{
    public const string AdminKey = IsolatedDependencies.AdminKey;

    public const string SignalRAccessKey = IsolatedDependencies.SignalRAccessKey;

    public const string InteractionsHub = "interactions";

    /// <summary>Hubs for processor tests, one each, so their streams never mix.</summary>
    public static readonly string[] ProcessorTestHubs = ["proc-exact", "proc-crash", "proc-shared", "proc-order", "proc-poison", "proc-trace"];

    /// <summary>Hubs for fault-injection tests: each faulty app instance consumes a stream of its own.</summary>
    public static readonly string[] FaultTestHubs = ["faults-signalr", "faults-cosmos", "faults-eventhubs"];

    /// <summary>Hubs for the extra DevHosts of the DevHost tests (a worker restart, a broken dependency), so their processors stay apart.</summary>
    public static readonly string[] DevHostTestHubs = ["devhost-restart", "devhost-faults", "devhost-persist", SecondInstanceHub];

    /// <summary>The stream of the second app instance in the room-order tests (two DevHosts sharing every other emulator).</summary>
    public const string SecondInstanceHub = "second-instance";

    private IsolatedDependencies? _dependencies;

    private DevHostApp? _host;

    private string? _dataDirectory;

    private ServiceProvider? _appServices;

    public HttpClient Http { get; private set; } = null!;

    public DevHostApp Host => _host!;

    /// <summary>Everything the test run's DevHost printed: its banner, warnings and errors, one line per function call.</summary>
    public CapturedOutput Output { get; } = new();

    public string RepoRoot { get; } = RepoPaths.FindRoot();

    /// <summary>
    /// The app's own registrations against the test emulators, in the test process (hosted services not started): for arranging
    /// and inspecting state the way the app stores it. The app serving requests runs in the worker process.
    /// </summary>
    public IServiceProvider AppServices => _appServices ??= BuildAppServices();

    /// <summary>Everything the app needs to reach the test's emulators; extra app instances (processor tests) start from it.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    public string StorageConnectionString => Settings["Tables:ConnectionString"]!;

    public string SignalRConnectionString => Settings["SignalR:ConnectionString"]!;

    public string EventHubsConnectionString => Settings["EventHubs:ConnectionString"]!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        _dependencies = await IsolatedDependencies.StartAsync(RepoRoot, [InteractionsHub, .. ProcessorTestHubs, .. FaultTestHubs, .. DevHostTestHubs], timeout.Token);
        Settings = new Dictionary<string, string?>(_dependencies.Settings)
        {
            ["Cosmos:DatabaseName"] = "tests",

            // Ad tests ask for dozens of decisions per viewer within a minute; the per-user bound itself is tested on a host of its own.
            ["Limits:AdDecisionsPerMinute"] = "1000000",

            // Webhook retry tests watch a receiver fail and recover within seconds, not minutes (the backoff doubles from here).
            ["Webhooks:FirstRetryDelay"] = "00:00:00.300",
        };
        _dataDirectory = Directory.CreateTempSubdirectory("liveserverless-tests-").FullName;
        _host = await StartDevHostAsync(Settings, Output, timeout.Token);
        Http = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>
    /// Another DevHost (with its own worker process) on a free port with <paramref name="settings"/>, starting no dependencies of its
    /// own, printing to <paramref name="output"/>.
    /// </summary>
    public Task<DevHostApp> StartDevHostAsync(IReadOnlyDictionary<string, string?> settings, TextWriter? output = null, CancellationToken cancellationToken = default) =>
        DevHostApp.StartAsync(
            new DevHostSettings
            {
                Port = 0,
                RepoRoot = RepoRoot,
                DataDirectory = _dataDirectory ?? Directory.CreateTempSubdirectory().FullName,
                StartLocalDependencies = false,
                Settings = settings,
                Output = output ?? TextWriter.Null,
            },
            cancellationToken);

    /// <summary>
    /// Another DevHost that, like `dotnet run`, starts the local stand-ins its settings point at and nobody runs yet (a test points
    /// Cosmos DB at a free port, so it gets its own cosmosdb-server) and keeps local data in <paramref name="dataDirectory"/>.
    /// </summary>
    public Task<DevHostApp> StartDevHostWithLocalDependenciesAsync(
        IReadOnlyDictionary<string, string?> settings, string dataDirectory, TextWriter? output = null, CancellationToken cancellationToken = default) =>
        DevHostApp.StartAsync(
            new DevHostSettings
            {
                Port = 0,
                RepoRoot = RepoRoot,
                DataDirectory = dataDirectory,
                StartLocalDependencies = true,
                Settings = settings,
                Output = output ?? TextWriter.Null,
            },
            cancellationToken);

    public IReadOnlyDictionary<string, string?> SettingsWith(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_appServices is not null)
        {
            await _appServices.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_dependencies is not null)
        {
            await _dependencies.DisposeAsync();
        }

        if (_dataDirectory is not null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    public ApiClient Admin => new(Http, AdminKey);

    private ServiceProvider BuildAppServices() => CreateAppServices(Settings);

    /// <summary>
    /// The app's registrations against the test emulators with <paramref name="settings"/> (and a clock of the test's, if given), for
    /// service-level tests that need another configuration than the running app's. The caller disposes it.
    /// </summary>
    public ServiceProvider CreateAppServices(IReadOnlyDictionary<string, string?> settings, TimeProvider? time = null)
    {
        // The same sources the worker gets from DevHost: the development settings file, then the test's own settings.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalSettings.Load(RepoRoot)).AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddLiveServerless();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>A fresh tenant with a partner key holding <paramref name="scopes"/> (all scopes by default).</summary>
    public async Task<Tenant> NewTenantAsync(params string[] scopes)
    {
        scopes = scopes.Length > 0 ? scopes : ["users", "rooms", "moderation", "ads", "reports", "economy", "webhooks"];
        var tenant = await Admin.PostAsync("/api/tenants", new { name = "Tenant " + Guid.NewGuid().ToString("N")[..8] });
        tenant.EnsureStatus(201);
        var tenantId = (await tenant.JsonAsync()).GetProperty("id").GetString()!;
        var key = await Admin.PostAsync($"/api/tenants/{tenantId}/keys", new { scopes });
        var keyJson = await key.JsonAsync();
        return new Tenant(tenantId, keyJson.GetProperty("id").GetString()!, new ApiClient(Http, keyJson.GetProperty("secret").GetString()!));
    }
}

[CollectionDefinition(Name)]
public sealed class DevHostCollection : ICollectionFixture<DevHostFixture>
{
    public const string Name = "DevHost";
}

/// <summary>A tenant created for one test, with a partner client scoped to it.</summary>
public sealed record Tenant(string Id, string KeyId, ApiClient Partner)
{
    public async Task<string> CreateUserAsync(string? id = null, string role = "viewer", string displayName = "Test user")
    {
        var response = await Partner.PostAsync("/api/users", new { id, displayName, role });
        response.EnsureStatus(201);
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    public async Task<string> CreateRoomAsync(string hostUserId, string? id = null, string[]? tags = null)
    {
        var response = await Partner.PostAsync("/api/rooms", new { id, hostUserId, title = "Room of " + hostUserId, tags });
        response.EnsureStatus(201);
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    public async Task StartRoomAsync(string roomId) => (await Partner.PostAsync($"/api/rooms/{roomId}/start", body: null)).EnsureStatus(200);

    /// <summary>Puts a gift in the tenant's catalog at <paramref name="price"/> coins.</summary>
    public async Task DefineGiftAsync(string giftId, long price, bool active = true) =>
        (await Partner.SendAsync(HttpMethod.Put, $"/api/gifts/{giftId}", new { name = "Gift " + giftId, price, active })).EnsureSuccessStatusCode();

    /// <summary>Credits coins to the user's wallet, as the partner's backend does after a payment; returns the balance after it.</summary>
    public async Task<long> CreditAsync(string userId, long amount, string? reference = null)
    {
        var response = await Partner.PostAsync($"/api/users/{userId}/wallet/credits", new { amount, reference = reference ?? Guid.NewGuid().ToString("N") });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("balance").GetInt64();
    }

    /// <summary>Erases the user (DELETE answers 202 with the job's location) and follows the job until it reports done.</summary>
    public async Task<System.Text.Json.JsonElement> EraseUserAsync(string userId)
    {
        var accepted = await Partner.DeleteAsync($"/api/users/{userId}");
        accepted.EnsureStatus(202);
        var location = accepted.Headers.Location!.ToString();
        return await Eventually.MatchesAsync(
            async () => await (await Partner.GetAsync(location)).JsonAsync(),
            job => job.TryGetProperty("status", out var status) && status.ValueKind == System.Text.Json.JsonValueKind.String && status.GetString() == "done",
            $"the erasure of user '{userId}'");
    }

    /// <summary>A client authenticated as the user, for the web-client routes.</summary>
    public async Task<ApiClient> AsUserAsync(string userId) => Partner.WithBearer(await MintTokenAsync(userId));

    public async Task<string> MintTokenAsync(string userId)
    {
        var response = await Partner.PostAsync($"/api/users/{userId}/tokens", body: null);
        response.EnsureStatus(200);
        return (await response.JsonAsync()).GetProperty("token").GetString()!;
    }
}
