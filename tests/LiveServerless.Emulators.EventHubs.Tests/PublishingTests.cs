using System.Globalization;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;

namespace LiveServerless.Emulators.EventHubs.Tests;

public sealed class PublishingTests(ITestOutputHelper output) : EmulatorTest(output)
{
    [Fact]
    public async Task SendAsync_SingleEvent_RoundTripsBodyAndProperties()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();
        var sent = new EventData(BinaryData.FromString("""{"kind":"like","roomId":"r-1"}"""))
        {
            MessageId = "message-1",
            ContentType = "application/json",
            CorrelationId = "correlation-1",
        };
        sent.Properties["userId"] = "u-42";
        sent.Properties["weight"] = 2.5;
        sent.Properties["count"] = 7L;
        sent.Properties["at"] = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        await producer.SendAsync([sent], new SendEventOptions { PartitionId = "3" }, Deadline);

        var received = Assert.Single(await ReadAllAsync(consumer, "3", EventPosition.Earliest));
        Assert.Equal(sent.EventBody.ToArray(), received.EventBody.ToArray());
        Assert.Equal("message-1", received.MessageId);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("correlation-1", received.CorrelationId);
        Assert.Equal(sent.Properties, received.Properties);
        Assert.Equal(0, received.SequenceNumber);
        Assert.Null(received.PartitionKey);
    }

    [Fact]
    public async Task SendAsync_BatchWithPartitionKey_StoresEveryEventInOnePartitionInSendOrder()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();
        using var batch = await producer.CreateBatchAsync(new CreateBatchOptions { PartitionKey = "user-7" }, Deadline);
        for (var i = 0; i < 500; i++)
        {
            var added = Event($"event-{i}");
            added.Properties["index"] = i;
            Assert.True(batch.TryAdd(added), $"event {i} should fit in the batch");
        }

        await producer.SendAsync(batch, Deadline);

        var perPartition = new Dictionary<string, List<EventData>>();
        foreach (var partitionId in await producer.GetPartitionIdsAsync(Deadline))
        {
            perPartition[partitionId] = await ReadAllAsync(consumer, partitionId, EventPosition.Earliest);
        }

        var events = Assert.Single(perPartition.Values, list => list.Count > 0);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"event-{i}"), events.Select(e => e.EventBody.ToString()));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), events.Select(e => e.SequenceNumber));
        Assert.Equal(Enumerable.Range(0, 500), events.Select(e => (int)e.Properties["index"]));
        Assert.All(events, e => Assert.Equal("user-7", e.PartitionKey));
    }

    [Fact]
    public async Task SendAsync_SamePartitionKeyInSeparateSends_KeepsOnePartition()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();

        for (var i = 0; i < 5; i++)
        {
            await producer.SendAsync([Event($"event-{i}")], new SendEventOptions { PartitionKey = "user-9" }, Deadline);
        }

        var expectedPartition = PartitionKeyHash.PartitionIndexFor("user-9", PartitionCount).ToString(CultureInfo.InvariantCulture);
        var events = await ReadAllAsync(consumer, expectedPartition, EventPosition.Earliest);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"event-{i}"), events.Select(e => e.EventBody.ToString()));
    }

    [Fact]
    public async Task SendAsync_ToExplicitPartition_StoresOnlyThere()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();

        await producer.SendAsync([Event("a"), Event("b"), Event("c")], new SendEventOptions { PartitionId = "2" }, Deadline);

        Assert.Equal(["a", "b", "c"], (await ReadAllAsync(consumer, "2", EventPosition.Earliest)).Select(e => e.EventBody.ToString()));
        foreach (var otherPartition in new[] { "0", "1", "3" })
        {
            Assert.Empty(await ReadAllAsync(consumer, otherPartition, EventPosition.Earliest));
        }
    }

    [Fact]
    public async Task SendAsync_WithoutPartitionKey_SpreadsSendsAcrossPartitions()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();

        for (var i = 0; i < 8; i++)
        {
            await producer.SendAsync([Event($"event-{i}")], Deadline);
        }

        foreach (var partitionId in new[] { "0", "1", "2", "3" })
        {
            Assert.Equal(2, (await ReadAllAsync(consumer, partitionId, EventPosition.Earliest)).Count);
        }
    }
}
