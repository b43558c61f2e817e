using System.Collections.Concurrent;
using Azure.Core;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Resilience;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Streaming;

/// <summary>The collaborators every processor instance shares.</summary>
public sealed record ProcessorServices(TableCheckpointStore Checkpoints, InteractionPipeline Pipeline, StreamMetrics Metrics, TimeProvider Time, ILogger Logger);

/// <summary>
/// The interaction stream processor: an <see cref="EventProcessor{TPartition}"/> whose partition ownership and checkpoints
/// live in Azure Tables, so several instances share the partitions and a crashed one's partitions move to the others.
/// Per batch: decode (poison → dead letter), run the pipeline (handlers with exactly-once effects), then checkpoint —
/// only after every write of the batch has succeeded. Each checkpoint also records the time up to which the partition has been
/// processed (see <see cref="StreamProgress"/>), which is what lets ad budget leases be settled safely.
/// </summary>
public sealed partial class InteractionProcessor : EventProcessor<EventProcessorPartition>
{
    /// <summary>An idle partition's processed-until time is written at most this often: it only needs to stay minutes fresh.</summary>
    private static readonly TimeSpan IdleProgressInterval = TimeSpan.FromSeconds(5);

    private readonly ProcessorServices _services;

    private readonly ILogger _logger;

    private readonly TimeSpan _maximumWaitTime;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _idleProgressWritten = new(StringComparer.Ordinal);

    private InteractionProcessor(ProcessorServices services, ProcessorOptions settings, string consumerGroup, string connectionString, string eventHubName, string? identifier)
        : base(settings.MaxBatchSize, consumerGroup, connectionString, eventHubName, Options(settings, identifier))
    {
        _services = services;
        _logger = services.Logger;
        _maximumWaitTime = settings.MaximumWaitTime;
    }

    private InteractionProcessor(
        ProcessorServices services, ProcessorOptions settings, string consumerGroup, string fullyQualifiedNamespace, string eventHubName, TokenCredential credential, string? identifier)
        : base(settings.MaxBatchSize, consumerGroup, fullyQualifiedNamespace, eventHubName, credential, Options(settings, identifier))
    {
        _services = services;
        _logger = services.Logger;
        _maximumWaitTime = settings.MaximumWaitTime;
    }

    /// <summary>Where this processor keeps its checkpoints: namespace:hub:consumer group.</summary>
    public string Scope => TableCheckpointStore.Scope(FullyQualifiedNamespace, EventHubName, ConsumerGroup);

    public static InteractionProcessor Create(
        ProcessorServices services, ProcessorOptions settings, EventHubsOptions options, TokenCredential credential, string? identifier = null) =>
        options.ConnectionString is { Length: > 0 } connectionString
            ? new InteractionProcessor(services, settings, options.ConsumerGroup, connectionString, options.HubName, identifier)
            : new InteractionProcessor(services, settings, options.ConsumerGroup, options.FullyQualifiedNamespace!, options.HubName, credential, identifier);

    protected override async Task<IEnumerable<EventProcessorPartitionOwnership>> ListOwnershipAsync(CancellationToken cancellationToken) =>
        await _services.Checkpoints.ListOwnershipAsync(FullyQualifiedNamespace, EventHubName, ConsumerGroup, cancellationToken);

    protected override async Task<IEnumerable<EventProcessorPartitionOwnership>> ClaimOwnershipAsync(
        IEnumerable<EventProcessorPartitionOwnership> desiredOwnership, CancellationToken cancellationToken) =>
        await _services.Checkpoints.ClaimOwnershipAsync(desiredOwnership, cancellationToken);

    protected override async Task<EventProcessorCheckpoint> GetCheckpointAsync(string partitionId, CancellationToken cancellationToken)
    {
        var checkpoint = await _services.Checkpoints.GetCheckpointAsync(Scope, partitionId, cancellationToken);
        return checkpoint is null
            ? null!
            : new EventProcessorCheckpoint
            {
                FullyQualifiedNamespace = FullyQualifiedNamespace,
                EventHubName = EventHubName,
                ConsumerGroup = ConsumerGroup,
                PartitionId = partitionId,
                StartingPosition = TableCheckpointStore.StartingPosition(checkpoint),
            };
    }

    protected override async Task OnProcessingEventBatchAsync(IEnumerable<EventData> events, EventProcessorPartition partition, CancellationToken cancellationToken)
    {
        var received = events as IReadOnlyList<EventData> ?? [.. events];
        if (received.Count == 0)
        {
            await RecordIdleAsync(partition.PartitionId, cancellationToken);
            return;
        }

        using var activity = InteractionTrace.StartProcessing(received, partition.PartitionId);
        var decoded = new List<StreamedInteraction>(received.Count);
        foreach (var eventData in received)
        {
            try
            {
                decoded.Add(InteractionJson.Decode(eventData, partition.PartitionId));
            }
            catch (PoisonEventException poison)
            {
                await _services.Pipeline.DeadLetterAsync(Scope, partition.PartitionId, eventData.SequenceNumber, eventData.EventBody.ToString(), poison.Message, cancellationToken);
            }
        }

        await _services.Pipeline.ProcessAsync(Scope, new InteractionBatch(partition.PartitionId, decoded), cancellationToken);

        var last = received[^1];
        await _services.Pipeline.RetryTransientAsync(
            partition.PartitionId,
            () => _services.Checkpoints.UpdateCheckpointAsync(
                Scope, partition.PartitionId, new StreamCheckpoint(last.SequenceNumber, last.OffsetString, last.EnqueuedTime), cancellationToken),
            cancellationToken);

        var lastEnqueued = ReadLastEnqueuedEventProperties(partition.PartitionId).SequenceNumber;
        _services.Metrics.BatchProcessed(partition.PartitionId, received.Count, lastEnqueued - last.SequenceNumber);
        LogBatch(partition.PartitionId, received.Count, last.SequenceNumber);
    }

    /// <summary>
    /// An empty batch means the partition had nothing for a whole wait: every event enqueued before the wait began has been processed.
    /// A failure here is only logged; the time is written again at the next idle wait.
    /// </summary>
    private async Task RecordIdleAsync(string partitionId, CancellationToken cancellationToken)
    {
        var now = _services.Time.GetUtcNow();
        if (_idleProgressWritten.TryGetValue(partitionId, out var written) && now - written < IdleProgressInterval)
        {
            return;
        }

        try
        {
            await _services.Checkpoints.AdvanceProcessedUntilAsync(Scope, partitionId, now - _maximumWaitTime, cancellationToken);
            _idleProgressWritten[partitionId] = now;
        }
        catch (Exception exception) when (FailureClassifier.IsRetryable(exception, cancellationToken))
        {
            LogIdleProgressFailed(exception, partitionId);
        }
    }

    protected override Task OnProcessingErrorAsync(Exception exception, EventProcessorPartition partition, string operationDescription, CancellationToken cancellationToken)
    {
        LogProcessorError(exception, partition?.PartitionId ?? "(none)", operationDescription);
        return Task.CompletedTask;
    }

    private static EventProcessorOptions Options(ProcessorOptions settings, string? identifier) => new()
    {
        Identifier = identifier,
        MaximumWaitTime = settings.MaximumWaitTime,
        PrefetchCount = settings.PrefetchCount,
        LoadBalancingUpdateInterval = settings.LoadBalancingUpdateInterval,
        PartitionOwnershipExpirationInterval = settings.PartitionOwnershipExpirationInterval,
        LoadBalancingStrategy = settings.LoadBalancingStrategy,
        TrackLastEnqueuedEventProperties = true,
        DefaultStartingPosition = EventPosition.Earliest,
        RetryOptions = new EventHubsRetryOptions { MaximumRetries = 5, TryTimeout = TimeSpan.FromSeconds(30), MaximumDelay = TimeSpan.FromSeconds(10) },
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Partition {PartitionId}: processed {Count} events up to sequence number {SequenceNumber}")]
    private partial void LogBatch(string partitionId, int count, long sequenceNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {PartitionId}: could not record its processed-until time; will retry")]
    private partial void LogIdleProgressFailed(Exception exception, string partitionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream processor error on partition {PartitionId} during {Operation}")]
    private partial void LogProcessorError(Exception exception, string partitionId, string operation);
}
