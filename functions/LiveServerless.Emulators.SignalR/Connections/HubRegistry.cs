using System.Collections.Concurrent;
using LiveServerless.Emulators.SignalR.Clients;

namespace LiveServerless.Emulators.SignalR.Connections;

/// <summary>
/// Partitions connections by hub name, as the service does: a send addressed to one hub never reaches another hub's connections.
/// A hub exists from its first use; an idle hub is a few empty dictionaries, so it is kept.
/// </summary>
internal sealed class HubRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, HubConnections> _hubs = new(HubName.Comparer);

    public HubConnections this[string hub] => _hubs.GetOrAdd(hub, _ => new HubConnections(time));
}
