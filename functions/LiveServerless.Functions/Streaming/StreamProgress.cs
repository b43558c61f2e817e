using Azure.Messaging.EventHubs.Producer;
using LiveServerless.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Streaming;

/// <summary>
/// How far the whole interaction stream has been processed: the oldest of the partitions' processed-until times, as the processor
/// records them with its checkpoints (the last processed event's enqueued time, or the time an idle partition was found empty).
/// Every event enqueued before it has been applied by every handler. A partition that has recorded nothing yet holds the answer at
/// <see cref="DateTimeOffset.MinValue"/>: nothing can be called settled while part of the stream is unaccounted for.
/// </summary>
public sealed class StreamProgress(TableCheckpointStore checkpoints, EventHubProducerClient producer, IOptions<EventHubsOptions> options)
{
    private Task<string[]>? _partitionIds;

    public async Task<DateTimeOffset> ProcessedUntilAsync(CancellationToken cancellationToken)
    {
        var partitionIds = await PartitionIdsAsync(cancellationToken);
        var scope = TableCheckpointStore.Scope(producer.FullyQualifiedNamespace, options.Value.HubName, options.Value.ConsumerGroup);
        var processed = await checkpoints.ListProcessedUntilAsync(scope, cancellationToken);
        return partitionIds.Length == 0
            ? DateTimeOffset.MinValue
            : partitionIds.Min(id => processed.TryGetValue(id, out var until) ? until : DateTimeOffset.MinValue);
    }

    /// <summary>An Event Hub's partitions never change for its lifetime, so they are read once (again only after a failed read).</summary>
    private async Task<string[]> PartitionIdsAsync(CancellationToken cancellationToken)
    {
        var read = _partitionIds ??= producer.GetPartitionIdsAsync(CancellationToken.None);
        try
        {
            return await read.WaitAsync(cancellationToken);
        }
        catch when (read.IsFaulted)
        {
            _ = Interlocked.CompareExchange(ref _partitionIds, null, read);
            throw;
        }
    }
}
