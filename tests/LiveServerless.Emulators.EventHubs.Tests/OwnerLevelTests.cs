using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;

namespace LiveServerless.Emulators.EventHubs.Tests;

public sealed class OwnerLevelTests(ITestOutputHelper output) : EmulatorTest(output)
{
    private const string Partition = "0";

    [Fact]
    public async Task ReceiveBatchAsync_HigherOwnerLevelAttaches_FirstReceiverFailsWithConsumerDisconnected()
    {
        await using var producer = CreateProducer();
        await producer.SendAsync([Event("a")], new() { PartitionId = Partition }, Deadline);
        await using var first = CreateReceiver(ownerLevel: 1);
        Assert.Single(await first.ReceiveBatchAsync(10, TimeSpan.FromSeconds(5), Deadline));

        await using var second = CreateReceiver(ownerLevel: 2);
        Assert.Single(await second.ReceiveBatchAsync(10, TimeSpan.FromSeconds(5), Deadline));

        var exception = await Assert.ThrowsAsync<EventHubsException>(() => first.ReceiveBatchAsync(10, TimeSpan.FromSeconds(1), Deadline));
        Assert.Equal(EventHubsException.FailureReason.ConsumerDisconnected, exception.Reason);
    }

    [Fact]
    public async Task ReadEventsFromPartitionAsync_HigherOwnerLevelAttaches_FirstReaderFailsWithConsumerDisconnected()
    {
        await using var firstConsumer = CreateConsumer();
        await using var secondConsumer = CreateConsumer();
        var attached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstReading = Task.Run(async () =>
        {
            var options = new ReadEventOptions { OwnerLevel = 1, MaximumWaitTime = TimeSpan.FromMilliseconds(200) };
            await foreach (var _ in firstConsumer.ReadEventsFromPartitionAsync(Partition, EventPosition.Latest, options, Deadline))
            {
                attached.TrySetResult();
            }
        });
        await attached.Task.WaitAsync(Deadline);

        var secondOptions = new ReadEventOptions { OwnerLevel = 2, MaximumWaitTime = TimeSpan.FromMilliseconds(200) };
        await using var secondReading = secondConsumer.ReadEventsFromPartitionAsync(Partition, EventPosition.Latest, secondOptions, Deadline).GetAsyncEnumerator(Deadline);
        Assert.True(await secondReading.MoveNextAsync());

        var exception = await Assert.ThrowsAsync<EventHubsException>(() => firstReading.WaitAsync(Deadline));
        Assert.Equal(EventHubsException.FailureReason.ConsumerDisconnected, exception.Reason);
    }

    [Fact]
    public async Task ReceiveBatchAsync_LowerOwnerLevelThanAttachedReceiver_IsRefused()
    {
        await using var owner = CreateReceiver(ownerLevel: 5);
        Assert.Empty(await owner.ReceiveBatchAsync(10, TimeSpan.FromMilliseconds(200), Deadline));

        await using var intruder = CreateReceiver(ownerLevel: 4);
        var exception = await Assert.ThrowsAsync<EventHubsException>(() => intruder.ReceiveBatchAsync(10, TimeSpan.FromSeconds(1), Deadline));

        Assert.Equal(EventHubsException.FailureReason.ConsumerDisconnected, exception.Reason);
        Assert.Empty(await owner.ReceiveBatchAsync(10, TimeSpan.FromMilliseconds(200), Deadline));
    }

    [Fact]
    public async Task ReceiveBatchAsync_ReceiversWithoutOwnerLevel_ShareThePartition()
    {
        await using var producer = CreateProducer();
        await producer.SendAsync([Event("shared")], new() { PartitionId = Partition }, Deadline);
        await using var first = CreateReceiver(ownerLevel: null);
        await using var second = CreateReceiver(ownerLevel: null);

        Assert.Single(await first.ReceiveBatchAsync(10, TimeSpan.FromSeconds(5), Deadline));
        Assert.Single(await second.ReceiveBatchAsync(10, TimeSpan.FromSeconds(5), Deadline));
    }

    private PartitionReceiver CreateReceiver(long? ownerLevel) =>
        new(
            EventHubConsumerClient.DefaultConsumerGroupName,
            Partition,
            EventPosition.Earliest,
            Emulator.ConnectionString,
            EventHubName,
            new PartitionReceiverOptions { OwnerLevel = ownerLevel, RetryOptions = FastRetries });
}
