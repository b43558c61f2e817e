using Azure.Messaging.EventHubs.Producer;
using LiveServerless.Functions.Health;

namespace LiveServerless.Functions.Streaming;

/// <summary>Event Hubs answers a read of the hub's properties.</summary>
public sealed class EventHubsHealthProbe(EventHubProducerClient producer) : IHealthProbe
{
    public string Name => "eventhubs";

    public Task ProbeAsync(CancellationToken cancellationToken) => producer.GetEventHubPropertiesAsync(cancellationToken);
}
