using System.Globalization;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;

namespace LiveServerless.Emulators.EventHubs.Tests;

public sealed class ReadingTests(ITestOutputHelper output) : EmulatorTest(output)
{
    private const string Partition = "1";

    [Fact]
    public async Task ReadEventsFromPartitionAsync_Earliest_ReadsEveryEventWithServiceAnnotations()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();
        await SendToPartitionAsync(producer, "a", "b", "c");

        var events = await ReadAllAsync(consumer, Partition, EventPosition.Earliest);

        Assert.Equal(["a", "b", "c"], Bodies(events));
        Assert.Equal([0L, 1L, 2L], events.Select(e => e.SequenceNumber));
        var offsets = events.Select(e => long.Parse(e.OffsetString, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(offsets.Order(), offsets);
        Assert.Equal(offsets.Count, offsets.Distinct().Count());
        Assert.All(events, e => Assert.InRange(e.EnqueuedTime, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task ReadEventsFromPartitionAsync_Latest_ReadsOnlyEventsSentAfterReadingStarted()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();
        await SendToPartitionAsync(producer, "before-1", "before-2");

        var received = new List<string>();
        var attached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ReadEventOptions { MaximumWaitTime = TimeSpan.FromMilliseconds(200) };
        var reading = Task.Run(async () =>
        {
            await foreach (var partitionEvent in consumer.ReadEventsFromPartitionAsync(Partition, EventPosition.Latest, options, Deadline))
            {
                // An empty wake-up means the receiver is attached and has waited: the right moment to publish.
                if (partitionEvent.Data is null)
                {
                    attached.TrySetResult();
                    continue;
                }

                received.Add(partitionEvent.Data.EventBody.ToString());
                if (received.Count == 2)
                {
                    return;
                }
            }
        });
        await attached.Task.WaitAsync(Deadline);

        await SendToPartitionAsync(producer, "after-1", "after-2");

        await reading.WaitAsync(Deadline);
        Assert.Equal(["after-1", "after-2"], received);
    }

    [Fact]
    public async Task ReadEventsFromPartitionAsync_FromOffset_HonoursInclusiveAndExclusive()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();
        await SendToPartitionAsync(producer, "a", "b", "c", "d");
        var all = await ReadAllAsync(consumer, Partition, EventPosition.Earliest);

        var inclusive = await ReadAllAsync(consumer, Partition, EventPosition.FromOffset(all[1].OffsetString, isInclusive: true));
        var exclusive = await ReadAllAsync(consumer, Partition, EventPosition.FromOffset(all[1].OffsetString, isInclusive: false));

        Assert.Equal(["b", "c", "d"], Bodies(inclusive));
        Assert.Equal(["c", "d"], Bodies(exclusive));
    }

    [Fact]
    public async Task ReadEventsFromPartitionAsync_FromSequenceNumber_HonoursInclusiveAndExclusive()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();
        await SendToPartitionAsync(producer, "a", "b", "c", "d");

        var inclusive = await ReadAllAsync(consumer, Partition, EventPosition.FromSequenceNumber(2, isInclusive: true));
        var exclusive = await ReadAllAsync(consumer, Partition, EventPosition.FromSequenceNumber(2, isInclusive: false));

        Assert.Equal(["c", "d"], Bodies(inclusive));
        Assert.Equal(["d"], Bodies(exclusive));
    }

    [Fact]
    public async Task ReadEventsFromPartitionAsync_FromEnqueuedTime_ReadsEventsEnqueuedAfterIt()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();
        await SendToPartitionAsync(producer, "old-1", "old-2");
        var cutOff = ClockPast(DateTimeOffset.UtcNow);
        ClockPast(cutOff);
        await SendToPartitionAsync(producer, "new-1", "new-2");

        var events = await ReadAllAsync(consumer, Partition, EventPosition.FromEnqueuedTime(cutOff));

        Assert.Equal(["new-1", "new-2"], Bodies(events));
    }

    [Fact]
    public async Task ReadEventsAsync_AllPartitions_ReadsEveryEventExactlyOnce()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();
        var sent = Enumerable.Range(0, 200).Select(i => $"event-{i}").ToList();
        foreach (var chunk in sent.Chunk(20))
        {
            await producer.SendAsync(chunk.Select(body => Event(body)), new SendEventOptions { PartitionKey = chunk[0] }, Deadline);
        }

        var received = new List<(string Partition, string Body)>();
        await foreach (var partitionEvent in consumer.ReadEventsAsync(startReadingAtEarliestEvent: true, cancellationToken: Deadline))
        {
            received.Add((partitionEvent.Partition.PartitionId, partitionEvent.Data.EventBody.ToString()));
            if (received.Count == sent.Count)
            {
                break;
            }
        }

        Assert.Equal(sent.Order(), received.Select(r => r.Body).Order());
        Assert.True(received.Select(r => r.Partition).Distinct().Count() > 1, "keyed chunks should be spread over several partitions");
    }

    [Fact]
    public async Task ReadEventsFromPartitionAsync_TrackingLastEnqueuedEvent_ReportsPartitionState()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();
        await SendToPartitionAsync(producer, "a", "b", "c");
        var options = new ReadEventOptions { TrackLastEnqueuedEventProperties = true };

        await foreach (var partitionEvent in consumer.ReadEventsFromPartitionAsync(Partition, EventPosition.Earliest, options, Deadline))
        {
            var last = partitionEvent.Partition.ReadLastEnqueuedEventProperties();
            Assert.Equal("a", partitionEvent.Data.EventBody.ToString());
            Assert.Equal(2, last.SequenceNumber);
            Assert.NotNull(last.OffsetString);
            Assert.NotNull(last.EnqueuedTime);
            break;
        }
    }

    [Fact]
    public async Task ReadEventsFromPartitionAsync_ConfiguredConsumerGroupBesideDefault_ReadsIndependently()
    {
        await using var producer = CreateProducer();
        await SendToPartitionAsync(producer, "a", "b");
        await using var analytics = new EventHubConsumerClient(ConfiguredConsumerGroup, Emulator.ConnectionString, EventHubName, new EventHubConsumerClientOptions { RetryOptions = FastRetries });
        await using var defaultGroup = CreateConsumer();

        var fromAnalytics = await ReadAllAsync(analytics, Partition, EventPosition.Earliest);
        var fromDefault = await ReadAllAsync(defaultGroup, Partition, EventPosition.Earliest);

        Assert.Equal(["a", "b"], Bodies(fromAnalytics));
        Assert.Equal(["a", "b"], Bodies(fromDefault));
    }

    private Task SendToPartitionAsync(EventHubProducerClient producer, params string[] bodies) =>
        producer.SendAsync(bodies.Select(body => Event(body)), new SendEventOptions { PartitionId = Partition }, Deadline);

    private static IEnumerable<string> Bodies(IEnumerable<EventData> events) => events.Select(e => e.EventBody.ToString());

    /// <summary>
    /// Waits until the clock has moved past <paramref name="moment"/> by more than the enqueued times' millisecond precision, so events
    /// sent before and after it are told apart by their enqueued times; returns the clock then. A wait on the clock, not a fixed pause.
    /// </summary>
    private static DateTimeOffset ClockPast(DateTimeOffset moment)
    {
        SpinWait.SpinUntil(() => DateTimeOffset.UtcNow > moment.AddMilliseconds(1));
        return DateTimeOffset.UtcNow;
    }
}
