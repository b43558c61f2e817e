using Azure;
using Azure.Data.Tables;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Streaming;

/// <summary>
/// The stream's position as a checkpoint: the last processed sequence number of a partition, and the time up to which every event
/// of the partition has been processed (the last processed event's enqueued time).
/// </summary>
public sealed record StreamCheckpoint(long SequenceNumber, string? Offset, DateTimeOffset? ProcessedUntil = null);

/// <summary>
/// Partition ownership and checkpoints of the processor in Azure Tables. Both are ETag-guarded: an ownership claim succeeds
/// only against the version the claimant read (so two instances never own a partition at once), and a checkpoint only
/// ever moves forward (a former owner finishing late cannot rewind it).
/// </summary>
public class TableCheckpointStore(TableProvider tables, TimeProvider time)
{
    private const string OwnerColumn = "OwnerIdentifier";

    private const string SequenceColumn = "SequenceNumber";

    private const string OffsetColumn = "Offset";

    private const string ProcessedUntilColumn = "ProcessedUntil";

    public static string Scope(string fullyQualifiedNamespace, string eventHubName, string consumerGroup) =>
        $"{fullyQualifiedNamespace}:{eventHubName}:{consumerGroup}".ToLowerInvariant();

    // Virtual: the readiness check's tests substitute the ownership it sees (and its failures) without a table.
    public virtual async Task<IReadOnlyList<EventProcessorPartitionOwnership>> ListOwnershipAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Ownership, cancellationToken);
        var scope = Scope(fullyQualifiedNamespace, eventHubName, consumerGroup);
        var owned = new List<EventProcessorPartitionOwnership>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {scope}"), cancellationToken: cancellationToken))
        {
            owned.Add(Ownership(fullyQualifiedNamespace, eventHubName, consumerGroup, entity.RowKey, entity.GetString(OwnerColumn), entity.Timestamp, entity.ETag));
        }

        return owned;
    }

    public async Task<IReadOnlyList<EventProcessorPartitionOwnership>> ClaimOwnershipAsync(
        IEnumerable<EventProcessorPartitionOwnership> desiredOwnership, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Ownership, cancellationToken);
        var claimed = new List<EventProcessorPartitionOwnership>();
        foreach (var desired in desiredOwnership)
        {
            var scope = Scope(desired.FullyQualifiedNamespace, desired.EventHubName, desired.ConsumerGroup);
            var entity = new TableEntity(scope, desired.PartitionId) { [OwnerColumn] = desired.OwnerIdentifier };
            try
            {
                var response = desired.Version is null
                    ? await table.AddEntityAsync(entity, cancellationToken)
                    : await table.UpdateEntityAsync(entity, new ETag(desired.Version), TableUpdateMode.Replace, cancellationToken);
                claimed.Add(Ownership(desired.FullyQualifiedNamespace, desired.EventHubName, desired.ConsumerGroup, desired.PartitionId,
                    desired.OwnerIdentifier, time.GetUtcNow(), response.Headers.ETag ?? default));
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // Another instance claimed it first; the load balancer will see the new owner on its next pass.
            }
        }

        return claimed;
    }

    public async Task<StreamCheckpoint?> GetCheckpointAsync(string scope, string partitionId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Checkpoints, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(scope, partitionId, cancellationToken: cancellationToken);
        return response.HasValue && response.Value!.GetInt64(SequenceColumn) is { } sequence
            ? new StreamCheckpoint(sequence, response.Value.GetString(OffsetColumn))
            : null;
    }

    /// <summary>Moves the checkpoint forward to <paramref name="checkpoint"/>; an older position never overwrites a newer one.</summary>
    public async Task UpdateCheckpointAsync(string scope, string partitionId, StreamCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Checkpoints, cancellationToken);
        while (true)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(scope, partitionId, cancellationToken: cancellationToken);
            var entity = new TableEntity(scope, partitionId)
            {
                [SequenceColumn] = checkpoint.SequenceNumber,
                [OffsetColumn] = checkpoint.Offset,
                [ProcessedUntilColumn] = Latest(current.HasValue ? current.Value!.GetDateTimeOffset(ProcessedUntilColumn) : null, checkpoint.ProcessedUntil),
            };
            try
            {
                if (!current.HasValue)
                {
                    await table.AddEntityAsync(entity, cancellationToken);
                    return;
                }

                if (current.Value!.GetInt64(SequenceColumn) >= checkpoint.SequenceNumber)
                {
                    return;
                }

                await table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // A concurrent writer; read again and only move forward.
            }
        }
    }

    /// <summary>
    /// Records that a partition had nothing left to process at <paramref name="processedUntil"/> (an idle partition's position does
    /// not move, but its time does). Only ever moves forward; the sequence number, if any, is left as it is.
    /// </summary>
    public async Task AdvanceProcessedUntilAsync(string scope, string partitionId, DateTimeOffset processedUntil, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Checkpoints, cancellationToken);
        while (true)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(scope, partitionId, cancellationToken: cancellationToken);
            var entity = new TableEntity(scope, partitionId) { [ProcessedUntilColumn] = processedUntil };
            try
            {
                if (!current.HasValue)
                {
                    await table.AddEntityAsync(entity, cancellationToken);
                    return;
                }

                if (current.Value!.GetDateTimeOffset(ProcessedUntilColumn) >= processedUntil)
                {
                    return;
                }

                await table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // A concurrent writer; read again and only move forward.
            }
        }
    }

    /// <summary>Per partition of a scope, the time up to which every event has been processed (partitions never processed are absent).</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ListProcessedUntilAsync(string scope, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Checkpoints, cancellationToken);
        var progress = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {scope}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey", ProcessedUntilColumn], cancellationToken: cancellationToken))
        {
            if (entity.GetDateTimeOffset(ProcessedUntilColumn) is { } until)
            {
                progress[entity.RowKey] = until;
            }
        }

        return progress;
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    public static EventPosition StartingPosition(StreamCheckpoint checkpoint) => EventPosition.FromSequenceNumber(checkpoint.SequenceNumber, isInclusive: false);

    private EventProcessorPartitionOwnership Ownership(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId, string? owner, DateTimeOffset? modified, ETag version) => new()
        {
            FullyQualifiedNamespace = fullyQualifiedNamespace,
            EventHubName = eventHubName,
            ConsumerGroup = consumerGroup,
            PartitionId = partitionId,
            OwnerIdentifier = owner,
            LastModifiedTime = modified ?? time.GetUtcNow(),
            Version = version.ToString(),
        };
}
