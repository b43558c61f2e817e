namespace LiveServerless.Emulators.EventHubs;

/// <summary>The event hubs the emulator serves, as configured; there is no way to create one at run time, as with Microsoft's emulator.</summary>
internal sealed class EventHubNamespace : IDisposable
{
    private readonly Dictionary<string, EventHub> _hubs;

    private EventHubNamespace(Dictionary<string, EventHub> hubs) => _hubs = hubs;

    public IEnumerable<EventHub> Hubs => _hubs.Values;

    public static EventHubNamespace Open(
        IDictionary<string, int> partitionCounts, ICollection<string> consumerGroups, string? dataDirectory, TimeProvider clock)
    {
        var hubs = new Dictionary<string, EventHub>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var (name, partitionCount) in partitionCounts)
            {
                hubs.Add(name, EventHub.Open(name, partitionCount, consumerGroups, dataDirectory, clock));
            }
        }
        catch
        {
            foreach (var hub in hubs.Values)
            {
                hub.Dispose();
            }

            throw;
        }

        return new EventHubNamespace(hubs);
    }

    public EventHub? FindHub(string name) => _hubs.GetValueOrDefault(name);

    public void Dispose()
    {
        foreach (var hub in _hubs.Values)
        {
            hub.Dispose();
        }
    }
}
