using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// A local Event Hubs endpoint for development and tests, served over plain AMQP so that the real Azure.Messaging.EventHubs
/// clients work against it unchanged: connect with <see cref="ConnectionString"/>.
/// </summary>
public sealed partial class EventHubsEmulator : IAsyncDisposable
{
    private const int MaxPort = 65535;

    /// <summary>Dedicated clusters allow 1024 partitions; more is certainly a mistake.</summary>
    private const int MaxPartitionCount = 1024;

    private static readonly TimeSpan _closeTimeout = TimeSpan.FromSeconds(5);

    private readonly EventHubNamespace _eventHubs;
    private readonly AmqpServer _server;
    private readonly EventHubsEmulatorOptions _options;
    private readonly ILogger _logger;
    private int _stopped;

    private EventHubsEmulator(EventHubNamespace eventHubs, AmqpServer server, EventHubsEmulatorOptions options, ILogger logger)
    {
        _eventHubs = eventHubs;
        _server = server;
        _options = options;
        _logger = logger;
    }

    /// <summary>The port the emulator listens on; the one it picked when the options asked for port 0.</summary>
    public int Port => _server.Port;

    /// <summary>
    /// A namespace-level connection string in the shape of Microsoft's emulator's, with the configured key; over TLS, without
    /// <c>UseDevelopmentEmulator=true</c> (which tells the SDKs to use plain AMQP).
    /// </summary>
    public string ConnectionString => string.Create(
        CultureInfo.InvariantCulture,
        $"Endpoint=sb://localhost:{Port};SharedAccessKeyName={_options.SharedAccessKeyName};SharedAccessKey={_options.SharedAccessKey};{(_options.TlsCertificate is null ? "UseDevelopmentEmulator=true;" : "")}");

    public static async Task<EventHubsEmulator> StartAsync(
        EventHubsEmulatorOptions options,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        Validate(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<EventHubsEmulator>();

        // Reloading persisted partitions reads files; keep that off the caller's thread (typically a host starting up).
        var eventHubs = await Task.Run(
            () => EventHubNamespace.Open(options.EventHubs, options.ConsumerGroups, options.DataDirectory, TimeProvider.System),
            cancellationToken);
        try
        {
            var signatures = new SharedAccessSignature(options.SharedAccessKeyName, options.SharedAccessKey, TimeProvider.System);
            var server = AmqpServer.Start(options.Host, options.Port, options.TlsCertificate, new LinkRouter(eventHubs, signatures, loggerFactory), logger);
            ReportStart(logger, options, server.Port, eventHubs);
            return new EventHubsEmulator(eventHubs, server, options, logger);
        }
        catch
        {
            eventHubs.Dispose();
            throw;
        }
    }

    /// <summary>The connection string for one event hub (with <c>EntityPath</c>), for clients constructed from a connection string alone.</summary>
    public string ConnectionStringFor(string eventHubName) => $"{ConnectionString}EntityPath={eventHubName};";

    /// <summary>
    /// Stops listening and closes every client connection, waiting for clients to acknowledge for a few seconds at most (or until
    /// <paramref name="cancellationToken"/> is cancelled) before cutting them off; persisted partitions are then released.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            await _server.StopAsync(_closeTimeout, cancellationToken);
        }
        finally
        {
            _eventHubs.Dispose();
            Log.Stopped(_logger);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static void Validate(EventHubsEmulatorOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host, nameof(options.Host));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SharedAccessKeyName, nameof(options.SharedAccessKeyName));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.SharedAccessKey, nameof(options.SharedAccessKey));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, MaxPort, nameof(options.Port));
        if (options.EventHubs.Count == 0)
        {
            throw new ArgumentException("Configure at least one event hub.", nameof(options));
        }

        foreach (var (name, partitionCount) in options.EventHubs)
        {
            if (!EventHubName().IsMatch(name))
            {
                throw new ArgumentException(
                    $"'{name}' is not a valid event hub name: letters, digits, '.', '-' and '_', starting with a letter or digit.",
                    nameof(options));
            }

            if (partitionCount is < 1 or > MaxPartitionCount)
            {
                throw new ArgumentException(
                    $"Event hub '{name}' has {partitionCount} partitions; it must have between 1 and {MaxPartitionCount}.",
                    nameof(options));
            }
        }
    }

    private static void ReportStart(ILogger logger, EventHubsEmulatorOptions options, int port, EventHubNamespace eventHubs)
    {
        var consumerGroups = string.Join(", ", options.ConsumerGroups.Prepend(EventHub.DefaultConsumerGroup).Distinct(StringComparer.OrdinalIgnoreCase));
        var hubs = string.Join(", ", eventHubs.Hubs.Select(h => $"{h.Name} ({h.PartitionIds.Length} partitions; consumer groups {consumerGroups})"));
        var storage = options.DataDirectory is null ? "events are kept in memory only" : $"events are persisted under {options.DataDirectory}";
        Log.Listening(logger, options.Host, port, hubs, storage);
        foreach (var hub in eventHubs.Hubs)
        {
            foreach (var partition in hub.Partitions.Where(p => p.TornBytesDropped > 0))
            {
                Log.TornRecordDropped(logger, partition.TornBytesDropped, hub.Name, partition.PartitionId);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex EventHubName();
}
