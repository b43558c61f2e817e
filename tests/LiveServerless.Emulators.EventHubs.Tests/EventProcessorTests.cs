using System.Collections.Concurrent;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Producer;

namespace LiveServerless.Emulators.EventHubs.Tests;

public sealed class EventProcessorTests(ITestOutputHelper output) : EmulatorTest(output)
{
    [Fact]
    public async Task StartProcessingAsync_EventsAcrossPartitions_ProcessesEachExactlyOnce()
    {
        const int EventCount = 300;
        await using var producer = CreateProducer();
        var sent = Enumerable.Range(0, EventCount).Select(i => $"event-{i}").ToList();
        foreach (var chunk in sent.Chunk(25))
        {
            await producer.SendAsync(chunk.Select(body => Event(body)), new SendEventOptions { PartitionKey = chunk[0] }, Deadline);
        }

        var processor = new InMemoryEventProcessor(Emulator.ConnectionString, EventHubName, EventCount);
        await processor.StartProcessingAsync(Deadline);
        try
        {
            await processor.AllProcessed.WaitAsync(Deadline);

            // Deliberate, and the behaviour under test: the window in which a duplicate delivery would show up before counting.
            await Task.Delay(TimeSpan.FromSeconds(1), Deadline);
        }
        finally
        {
            await processor.StopProcessingAsync(Deadline);
        }

        Assert.Empty(processor.Errors);
        Assert.Equal(sent.Order(), processor.Processed.Select(e => e.Body).Order());
        Assert.Equal(PartitionCount, processor.CheckpointedPartitions.Count);
    }

    /// <summary>
    /// The smallest real processor: ownership and checkpoints in memory, with the optimistic concurrency the real stores use
    /// (a claim succeeds only against the version it read).
    /// </summary>
    private sealed class InMemoryEventProcessor(string connectionString, string eventHubName, int expectedCount)
        : EventProcessor<EventProcessorPartition>(
            eventBatchMaximumCount: 50,
            EventHubConsumerClient.DefaultConsumerGroupName,
            connectionString,
            eventHubName,
            new EventProcessorOptions
            {
                LoadBalancingUpdateInterval = TimeSpan.FromSeconds(1),
                PartitionOwnershipExpirationInterval = TimeSpan.FromSeconds(5),
                MaximumWaitTime = TimeSpan.FromMilliseconds(500),
                RetryOptions = FastRetries,
            })
    {
        private readonly Lock _ownershipGate = new();
        private readonly Dictionary<string, EventProcessorPartitionOwnership> _ownership = [];
        private readonly ConcurrentDictionary<string, EventProcessorCheckpoint> _checkpoints = new();
        private readonly TaskCompletionSource _allProcessed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _processedCount;

        public ConcurrentQueue<(string PartitionId, long SequenceNumber, string Body)> Processed { get; } = new();

        public ConcurrentQueue<(Exception Exception, string Operation)> Errors { get; } = new();

        public ICollection<string> CheckpointedPartitions => _checkpoints.Keys;

        public Task AllProcessed => _allProcessed.Task;

        protected override Task<IEnumerable<EventProcessorPartitionOwnership>> ListOwnershipAsync(CancellationToken cancellationToken)
        {
            lock (_ownershipGate)
            {
                return Task.FromResult<IEnumerable<EventProcessorPartitionOwnership>>([.. _ownership.Values]);
            }
        }

        protected override Task<IEnumerable<EventProcessorPartitionOwnership>> ClaimOwnershipAsync(
            IEnumerable<EventProcessorPartitionOwnership> desiredOwnership,
            CancellationToken cancellationToken)
        {
            var claimed = new List<EventProcessorPartitionOwnership>();
            lock (_ownershipGate)
            {
                foreach (var desired in desiredOwnership)
                {
                    var current = _ownership.GetValueOrDefault(desired.PartitionId);
                    if (current?.Version != desired.Version)
                    {
                        continue;
                    }

                    var granted = new EventProcessorPartitionOwnership
                    {
                        FullyQualifiedNamespace = desired.FullyQualifiedNamespace,
                        EventHubName = desired.EventHubName,
                        ConsumerGroup = desired.ConsumerGroup,
                        PartitionId = desired.PartitionId,
                        OwnerIdentifier = desired.OwnerIdentifier,
                        LastModifiedTime = DateTimeOffset.UtcNow,
                        Version = Guid.NewGuid().ToString(),
                    };
                    _ownership[desired.PartitionId] = granted;
                    claimed.Add(granted);
                }
            }

            return Task.FromResult<IEnumerable<EventProcessorPartitionOwnership>>(claimed);
        }

        protected override Task<EventProcessorCheckpoint> GetCheckpointAsync(string partitionId, CancellationToken cancellationToken) =>
            Task.FromResult(_checkpoints.GetValueOrDefault(partitionId)!);

        protected override Task OnProcessingEventBatchAsync(IEnumerable<EventData> events, EventProcessorPartition partition, CancellationToken cancellationToken)
        {
            EventData? last = null;
            foreach (var eventData in events)
            {
                Processed.Enqueue((partition.PartitionId, eventData.SequenceNumber, eventData.EventBody.ToString()));
                last = eventData;
                if (Interlocked.Increment(ref _processedCount) == expectedCount)
                {
                    _allProcessed.TrySetResult();
                }
            }

            if (last is not null)
            {
                _checkpoints[partition.PartitionId] = new EventProcessorCheckpoint
                {
                    PartitionId = partition.PartitionId,
                    StartingPosition = EventPosition.FromOffset(last.OffsetString, isInclusive: false),
                };
            }

            return Task.CompletedTask;
        }

        protected override Task OnProcessingErrorAsync(Exception exception, EventProcessorPartition partition, string operationDescription, CancellationToken cancellationToken)
        {
            Errors.Enqueue((exception, operationDescription));
            return Task.CompletedTask;
        }
    }
}
