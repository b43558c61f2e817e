using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;

namespace LiveServerless.Emulators.EventHubs.Tests;

public sealed class ManagementTests(ITestOutputHelper output) : EmulatorTest(output)
{
    [Fact]
    public async Task GetEventHubPropertiesAsync_ConfiguredHub_ReportsItsPartitions()
    {
        await using var producer = CreateProducer();

        var properties = await producer.GetEventHubPropertiesAsync(Deadline);

        Assert.Equal(EventHubName, properties.Name);
        Assert.Equal(["0", "1", "2", "3"], properties.PartitionIds);
        Assert.InRange(properties.CreatedOn, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        Assert.Equal(["0", "1", "2", "3"], await producer.GetPartitionIdsAsync(Deadline));
    }

    [Fact]
    public async Task GetPartitionPropertiesAsync_EmptyPartition_ReportsEmpty()
    {
        await using var producer = CreateProducer();

        var properties = await producer.GetPartitionPropertiesAsync("2", Deadline);

        Assert.Equal(EventHubName, properties.EventHubName);
        Assert.Equal("2", properties.Id);
        Assert.True(properties.IsEmpty);
        Assert.Equal(-1, properties.LastEnqueuedSequenceNumber);
        Assert.Equal("-1", properties.LastEnqueuedOffsetString);
    }

    [Fact]
    public async Task GetPartitionPropertiesAsync_AfterSends_ReportsLastEnqueuedEvent()
    {
        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await producer.SendAsync([Event("a"), Event("b")], new() { PartitionId = "1" }, Deadline);
        await producer.SendAsync([Event("c")], new() { PartitionId = "1" }, Deadline);

        var properties = await producer.GetPartitionPropertiesAsync("1", Deadline);

        var last = (await ReadAsync(consumer, "1", EventPosition.Earliest, 3))[^1];
        Assert.False(properties.IsEmpty);
        Assert.Equal(0, properties.BeginningSequenceNumber);
        Assert.Equal(2, properties.LastEnqueuedSequenceNumber);
        Assert.Equal(last.OffsetString, properties.LastEnqueuedOffsetString);
        Assert.Equal(last.EnqueuedTime, properties.LastEnqueuedTime);
        Assert.InRange(properties.LastEnqueuedTime, before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task GetEventHubPropertiesAsync_UnknownHub_ThrowsResourceNotFound()
    {
        await using var producer = CreateProducer(Emulator, "no-such-hub");

        var exception = await Assert.ThrowsAsync<EventHubsException>(() => producer.GetEventHubPropertiesAsync(Deadline));

        Assert.Equal(EventHubsException.FailureReason.ResourceNotFound, exception.Reason);
    }

    [Fact]
    public async Task SendAsync_UnknownHub_ThrowsResourceNotFound()
    {
        await using var producer = CreateProducer(Emulator, "no-such-hub");

        var exception = await Assert.ThrowsAsync<EventHubsException>(() => producer.SendAsync([Event("lost")], Deadline));

        Assert.Equal(EventHubsException.FailureReason.ResourceNotFound, exception.Reason);
    }

    [Fact]
    public async Task ReadEventsFromPartitionAsync_UnknownPartition_ThrowsResourceNotFound()
    {
        await using var consumer = CreateConsumer();

        var exception = await Assert.ThrowsAsync<EventHubsException>(
            () => ReadAsync(consumer, "9", EventPosition.Earliest, 1));

        Assert.Equal(EventHubsException.FailureReason.ResourceNotFound, exception.Reason);
    }

    [Fact]
    public async Task ConnectionStringFor_Hub_ServesClientsThatNameNoHub()
    {
        await using var producer = new EventHubProducerClient(Emulator.ConnectionStringFor("audit"));

        var properties = await producer.GetEventHubPropertiesAsync(Deadline);

        Assert.Equal("audit", properties.Name);
        Assert.Equal(["0"], properties.PartitionIds);
        Assert.Contains("UseDevelopmentEmulator=true;", Emulator.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("interactions", 0)]
    [InlineData("bad name", 2)]
    public async Task StartAsync_InvalidEventHub_Throws(string name, int partitionCount)
    {
        var options = new EventHubsEmulatorOptions { Port = 0, EventHubs = new Dictionary<string, int> { [name] = partitionCount } };

        await Assert.ThrowsAsync<ArgumentException>(() => EventHubsEmulator.StartAsync(options, cancellationToken: Deadline));
    }
}
