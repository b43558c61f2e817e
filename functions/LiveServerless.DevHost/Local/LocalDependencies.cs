using Azure.Data.Tables;
using LiveServerless.Emulators.EventHubs;
using LiveServerless.Emulators.SignalR;
using LiveServerless.Functions.Streaming;
using LiveServerless.Functions.Realtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace LiveServerless.DevHost.Local;

/// <summary>
/// Starts the local stand-ins for Azure services that the configuration points at and nobody runs yet, and stops what it
/// started. A connection string that points elsewhere (another machine, Azure) is left alone.
/// </summary>
public sealed class LocalDependencies : IAsyncDisposable
{
    private const string DevelopmentStorage = "UseDevelopmentStorage=true";

    private readonly List<IAsyncDisposable> _started = [];

    private readonly List<string> _report = [];

    public IReadOnlyList<string> Report => _report;

    public static LocalDependencies None { get; } = new();

    public static async Task<LocalDependencies> StartAsync(IConfiguration configuration, string dataDirectory, string repoRoot, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var dependencies = new LocalDependencies();
        try
        {
            // npm ci once if anything pinned in package.json is missing (a fresh clone, or a package added since the last install).
            await NodePackages.EnsureInstalledAsync(repoRoot, NodePackages.ModulePath(repoRoot, "@microsoft", "signalr", "dist", "browser", "signalr.min.js"), loggers.CreateLogger("npm"), cancellationToken);
            await dependencies.StartAzuriteIfNeededAsync(configuration, dataDirectory, repoRoot, loggers, cancellationToken);
            await dependencies.StartSignalREmulatorIfNeededAsync(configuration, loggers, cancellationToken);
            await dependencies.StartEventHubsEmulatorIfNeededAsync(configuration, dataDirectory, loggers, cancellationToken);
            await dependencies.StartCosmosServerIfNeededAsync(configuration, dataDirectory, repoRoot, loggers, cancellationToken);
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

    private async Task StartSignalREmulatorIfNeededAsync(IConfiguration configuration, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var connection = SignalRConnectionString.Parse(configuration["SignalR:ConnectionString"] ?? "");
        var port = connection.ServiceUri.Port;
        if (!connection.Endpoint.IsLoopback)
        {
            _report.Add($"SignalR: using {connection.Endpoint} (not starting the emulator)");
            return;
        }

        if (await Ports.IsOpenAsync(AzuriteOptions.Host, port, cancellationToken))
        {
            _report.Add($"SignalR emulator: already running at {connection.ServiceUri} (reused)");
            return;
        }

        var emulator = await SignalREmulator.StartAsync(
            new SignalREmulatorOptions { Port = port, AccessKey = connection.AccessKey }, loggers, cancellationToken);
        _started.Add(emulator);
        _report.Add($"SignalR emulator: started at {connection.ServiceUri}");
    }

    private async Task StartEventHubsEmulatorIfNeededAsync(IConfiguration configuration, string dataDirectory, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var connectionString = configuration["EventHubs:ConnectionString"];
        if (string.IsNullOrEmpty(connectionString) || ConnectionStringEndpoint(connectionString, "Endpoint") is not { IsLoopback: true } endpoint)
        {
            _report.Add("Event Hubs: using the configured namespace (not starting the emulator)");
            return;
        }

        var port = endpoint.IsDefaultPort ? 5672 : endpoint.Port;
        if (await Ports.IsOpenAsync(AzuriteOptions.Host, port, cancellationToken))
        {
            _report.Add($"Event Hubs emulator: already running at localhost:{port} (reused)");
            return;
        }

        var hub = configuration["EventHubs:HubName"] ?? "interactions";
        var partitions = configuration.GetValue("DevHost:EventHubsPartitions", 4);
        var options = new EventHubsEmulatorOptions
        {
            Port = port,
            DataDirectory = Path.Combine(dataDirectory, "eventhubs"),
            ConsumerGroups = [configuration["EventHubs:ConsumerGroup"] ?? "processor"],
            SharedAccessKeyName = ConnectionStringValue(connectionString, "SharedAccessKeyName") ?? "RootManageSharedAccessKey",
            SharedAccessKey = ConnectionStringValue(connectionString, "SharedAccessKey") ?? "SAS_KEY_VALUE",
        };
        options.EventHubs[hub] = partitions;
        var emulator = await EventHubsEmulator.StartAsync(options, loggers, cancellationToken);
        _started.Add(emulator);
        _report.Add($"Event Hubs emulator: started, hub '{hub}' with {partitions} partitions, data in {options.DataDirectory}, at localhost:{port}");
    }

    /// <summary>
    /// The local server keeps Cosmos DB data in memory, so DevHost keeps it across restarts: a snapshot under the data directory,
    /// written every <c>DevHost:CosmosSnapshotSeconds</c> (30 by default) and when DevHost stops, is restored into the fresh server
    /// together with the stream processor's checkpoints saved with it. Without a snapshot (a first start, or after <c>--reset</c>)
    /// the checkpoints are reset so the persisted stream is replayed and the derived documents rebuilt exactly.
    /// </summary>
    private async Task StartCosmosServerIfNeededAsync(
        IConfiguration configuration, string dataDirectory, string repoRoot, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var connectionString = configuration["Cosmos:ConnectionString"];
        if (string.IsNullOrEmpty(connectionString) || ConnectionStringEndpoint(connectionString, "AccountEndpoint") is not { IsLoopback: true } endpoint)
        {
            _report.Add("Cosmos DB: using the configured account (not starting cosmosdb-server)");
            return;
        }

        if (await Ports.IsOpenAsync(CosmosServer.Host, endpoint.Port, cancellationToken))
        {
            _report.Add($"cosmosdb-server: already running at {endpoint} (reused)");
            return;
        }

        var server = await CosmosServer.StartAsync(repoRoot, endpoint.Port, loggers.CreateLogger("cosmosdb-server"), cancellationToken);
        _started.Add(server);
        if (StreamCheckpointRowsOf(configuration) is not { } checkpoints)
        {
            _report.Add($"cosmosdb-server: started at {endpoint} (in memory only: no stream checkpoints to keep with a snapshot)");
            return;
        }

        var snapshots = new CosmosSnapshots(connectionString, checkpoints, Path.Combine(dataDirectory, "cosmos", "snapshot.json"), loggers.CreateLogger("cosmosdb-server"));
        var restored = await snapshots.RestoreAsync(cancellationToken);
        snapshots.SaveEvery(TimeSpan.FromSeconds(configuration.GetValue("DevHost:CosmosSnapshotSeconds", 30)));
        _started.Add(snapshots);
        _report.Add(restored > 0
            ? $"cosmosdb-server: started at {endpoint}, {restored} documents restored from {snapshots.File}"
            : $"cosmosdb-server: started at {endpoint}, empty (room statistics and profiles are rebuilt from the stream); snapshots in {snapshots.File}");
    }

    private static StreamCheckpointRows? StreamCheckpointRowsOf(IConfiguration configuration)
    {
        var eventHubs = ConnectionStringEndpoint(configuration["EventHubs:ConnectionString"] ?? "", "Endpoint");
        var tables = configuration["Tables:ConnectionString"];
        if (eventHubs is null || string.IsNullOrEmpty(tables))
        {
            return null;
        }

        var scope = TableCheckpointStore.Scope(eventHubs.Host, configuration["EventHubs:HubName"] ?? "interactions", configuration["EventHubs:ConsumerGroup"] ?? "processor");
        return new StreamCheckpointRows(new TableServiceClient(tables), scope);
    }

    private static Uri? ConnectionStringEndpoint(string connectionString, string key) =>
        Uri.TryCreate(ConnectionStringValue(connectionString, key), UriKind.Absolute, out var uri) ? uri : null;

    private static string? ConnectionStringValue(string connectionString, string key)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return builder.TryGetValue(key, out var value) ? value?.ToString() : null;
    }

    private async Task StartAzuriteIfNeededAsync(IConfiguration configuration, string dataDirectory, string repoRoot, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var usesDevelopmentStorage = new[] { configuration["Tables:ConnectionString"], configuration["AzureWebJobsStorage"] }
            .Any(c => string.Equals(c?.TrimEnd(';'), DevelopmentStorage, StringComparison.OrdinalIgnoreCase));
        if (!usesDevelopmentStorage)
        {
            _report.Add("Storage: using the configured connection string (not starting Azurite)");
            return;
        }

        var defaults = new AzuriteOptions(repoRoot, Path.Combine(dataDirectory, "azurite"));
        if (await Ports.IsOpenAsync(AzuriteOptions.Host, defaults.TablePort, cancellationToken))
        {
            _report.Add($"Azurite: already running at {AzuriteOptions.Host}:{defaults.TablePort} (reused)");
            return;
        }

        _started.Add(await Azurite.StartAsync(defaults, loggers.CreateLogger("Azurite"), cancellationToken));
        _report.Add($"Azurite: started, Tables at http://{AzuriteOptions.Host}:{defaults.TablePort}, data in {defaults.DataDirectory}");
    }
}
