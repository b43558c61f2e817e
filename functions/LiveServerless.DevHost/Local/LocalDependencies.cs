using LiveServerless.Emulators.SignalR;
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

    public static async Task<LocalDependencies> StartAsync(IConfiguration configuration, string dataDirectory, string repoRoot, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var dependencies = new LocalDependencies();
        try
        {
            await dependencies.StartAzuriteIfNeededAsync(configuration, dataDirectory, repoRoot, loggers, cancellationToken);
            await dependencies.StartSignalREmulatorIfNeededAsync(configuration, loggers, cancellationToken);
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
        if (!IsLoopback(connection.Endpoint))
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
        _report.Add($"SignalR emulator: started, connection string {emulator.ConnectionString}");
    }

    private static bool IsLoopback(Uri endpoint) => endpoint.IsLoopback;

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
