using LiveServerless.Emulators.EventHubs;
using LiveServerless.Emulators.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveServerless.DevHost.Local;

/// <summary>
/// A private set of local dependencies — Azurite, cosmosdb-server, the Event Hubs and SignalR emulators — all in memory on free
/// loopback ports, for tests and benchmarks that must not touch a developer's running DevHost or its data.
/// <see cref="Settings"/> points an app instance at them.
/// </summary>
public sealed class IsolatedDependencies : IAsyncDisposable
{
    public const string AdminKey = "isolated-admin-key-for-tests-and-benchmarks";

    public const string SignalRAccessKey = "isolated-signalr-access-key-of-at-least-32-bytes";

    private readonly List<IAsyncDisposable> _started = [];

    private IsolatedDependencies()
    {
    }

    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>Starts everything; <paramref name="eventHubs"/> lists the hubs (4 partitions each), the first being the app's.</summary>
    public static async Task<IsolatedDependencies> StartAsync(string repoRoot, IReadOnlyList<string> eventHubs, CancellationToken cancellationToken)
    {
        var dependencies = new IsolatedDependencies();
        try
        {
            await dependencies.StartAllAsync(repoRoot, eventHubs, cancellationToken);
            return dependencies;
        }
        catch
        {
            await dependencies.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var started in Enumerable.Reverse(_started))
        {
            await started.DisposeAsync();
        }

        _started.Clear();
    }

    private async Task StartAllAsync(string repoRoot, IReadOnlyList<string> eventHubs, CancellationToken cancellationToken)
    {
        var storage = await Azurite.StartAsync(
            new AzuriteOptions(repoRoot, DataDirectory: null, Ports.FindFree(), Ports.FindFree(), Ports.FindFree()), NullLogger.Instance, cancellationToken);
        _started.Add(storage);
        var cosmos = await CosmosServer.StartAsync(repoRoot, Ports.FindFree(), NullLogger.Instance, cancellationToken);
        _started.Add(cosmos);
        var signalR = await SignalREmulator.StartAsync(new SignalREmulatorOptions { Port = 0, AccessKey = SignalRAccessKey }, cancellationToken: cancellationToken);
        _started.Add(signalR);
        // The app's consumer group (its default, as no setting names one here) and the one the tests' processor harnesses use.
        var hubs = new EventHubsEmulatorOptions { Port = 0, ConsumerGroups = ["processor", "tests"] };
        foreach (var hub in eventHubs)
        {
            hubs.EventHubs[hub] = 4;
        }

        var eventHubsEmulator = await EventHubsEmulator.StartAsync(hubs, cancellationToken: cancellationToken);
        _started.Add(eventHubsEmulator);
        Settings = new Dictionary<string, string?>
        {
            ["Tables:ConnectionString"] = storage.Options.ConnectionString,
            ["AzureWebJobsStorage"] = storage.Options.ConnectionString,
            ["Cosmos:ConnectionString"] = cosmos.ConnectionString,
            ["Cosmos:DatabaseName"] = "isolated",
            ["Cosmos:EnsureCreated"] = "true",
            ["EventHubs:ConnectionString"] = eventHubsEmulator.ConnectionString,
            ["EventHubs:HubName"] = eventHubs[0],
            ["SignalR:ConnectionString"] = signalR.ConnectionString,
            ["Admin:ApiKey"] = AdminKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }
}
