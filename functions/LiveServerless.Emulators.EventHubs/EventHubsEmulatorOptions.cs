using System.Security.Cryptography.X509Certificates;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>What the Event Hubs emulator listens on, which event hubs it serves, and where (if anywhere) it keeps their events.</summary>
public sealed class EventHubsEmulatorOptions
{
    /// <summary>The address to listen on. Defaults to loopback so that a dev tool is never reachable from the network.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The TCP port for plain AMQP (5672 like Microsoft's emulator); 0 picks a free port, see <see cref="EventHubsEmulator.Port"/>.</summary>
    public int Port { get; set; } = 5672;

    /// <summary>Event hub name → partition count. Names are case-insensitive, as in Azure.</summary>
    public IDictionary<string, int> EventHubs { get; set; } =
        new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["interactions"] = 4 };

    /// <summary>
    /// When set, each partition is an append-only file under this folder and is reloaded at start, so local data survives a restart;
    /// when null, events live in memory only.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Consumer groups beside <c>$Default</c>, which every hub has, as in Azure. A receiver of any other group is refused as not found.
    /// </summary>
    public ICollection<string> ConsumerGroups { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// When set, the emulator speaks AMQP over TLS with this certificate (as the service does on port 5671), for clients that
    /// cannot speak plain AMQP; <see cref="EventHubsEmulator.ConnectionString"/> then leaves out <c>UseDevelopmentEmulator</c>.
    /// </summary>
    public X509Certificate2? TlsCertificate { get; set; }

    /// <summary>The name of the one shared access key; SAS tokens signed with another key name are refused.</summary>
    public string SharedAccessKeyName { get; set; } = "RootManageSharedAccessKey";

    /// <summary>The shared access key SAS tokens must be signed with (Microsoft's emulator's well-known placeholder by default).</summary>
    public string SharedAccessKey { get; set; } = "SAS_KEY_VALUE";
}
