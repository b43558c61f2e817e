using Azure.Messaging.EventHubs.Producer;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Interactions;

namespace LiveServerless.Functions.Streaming;

/// <summary>
/// Publishes interactions to the Event Hub, partitioned by tenant:user so one partition owns each user (and their order).
/// Events are packed into as few EventDataBatch sends as fit. A failure throws, so callers never answer 2xx for events
/// that were not durably accepted.
/// </summary>
public sealed class InteractionPublisher(EventHubProducerClient producer)
{
    /// <summary>
    /// Publishes one user's events in a single send, which Event Hubs accepts or refuses as a whole: what a request publishes is
    /// then all on the stream or none of it. Events too large for one send are refused before anything is sent.
    /// </summary>
    public async Task PublishAsOneBatchAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken)
    {
        var partitionKey = interactions.Select(InteractionJson.PartitionKey).Distinct(StringComparer.Ordinal).Single();
        using var batch = await producer.CreateBatchAsync(new CreateBatchOptions { PartitionKey = partitionKey }, cancellationToken);
        if (!interactions.All(i => batch.TryAdd(InteractionJson.Encode(i))))
        {
            throw ValidationException.ForField("events", $"the events are too large to publish together ({batch.MaximumSizeInBytes} bytes at most); send fewer per request");
        }

        await producer.SendAsync(batch, cancellationToken);
    }

    public async Task PublishAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken)
    {
        using var activity = InteractionTrace.StartPublishing(interactions.Count);
        foreach (var sameUser in interactions.GroupBy(InteractionJson.PartitionKey))
        {
            var batch = await producer.CreateBatchAsync(new CreateBatchOptions { PartitionKey = sameUser.Key }, cancellationToken);
            try
            {
                foreach (var interaction in sameUser)
                {
                    var eventData = InteractionJson.Encode(interaction);
                    InteractionTrace.Inject(eventData);
                    if (batch.TryAdd(eventData))
                    {
                        continue;
                    }

                    await producer.SendAsync(batch, cancellationToken);
                    batch.Dispose();
                    batch = await producer.CreateBatchAsync(new CreateBatchOptions { PartitionKey = sameUser.Key }, cancellationToken);
                    if (!batch.TryAdd(eventData))
                    {
                        throw new InvalidOperationException($"Interaction {interaction.Id} is larger than an Event Hubs batch.");
                    }
                }

                await producer.SendAsync(batch, cancellationToken);
            }
            finally
            {
                batch.Dispose();
            }
        }
    }
}
