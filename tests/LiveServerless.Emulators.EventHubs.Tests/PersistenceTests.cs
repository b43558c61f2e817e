using System.Globalization;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;

namespace LiveServerless.Emulators.EventHubs.Tests;

public sealed class PersistenceTests(ITestOutputHelper output) : EmulatorTest(output), IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("eventhubs-emulator-").FullName;

    public override Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task StartAsync_SameDataDirectory_ReloadsEventsWithTheirSequenceNumbersAndOffsets()
    {
        List<(long SequenceNumber, string Offset, DateTimeOffset EnqueuedTime, string Body, string? Key)> before;
        await using (var first = await StartEmulatorAsync(_dataDirectory))
        {
            await using var producer = CreateProducer(first);
            await using var consumer = CreateConsumer(first);
            await producer.SendAsync([Event("a"), Event("b")], new SendEventOptions { PartitionId = "2" }, Deadline);
            await producer.SendAsync([Event("c")], new SendEventOptions { PartitionId = "2" }, Deadline);
            before = Describe(await ReadAllAsync(consumer, "2", EventPosition.Earliest));
        }

        await using var second = await StartEmulatorAsync(_dataDirectory);
        await using var reopenedProducer = CreateProducer(second);
        await using var reopenedConsumer = CreateConsumer(second);
        var after = Describe(await ReadAllAsync(reopenedConsumer, "2", EventPosition.Earliest));
        await reopenedProducer.SendAsync([Event("d")], new SendEventOptions { PartitionId = "2" }, Deadline);
        var appended = Assert.Single(await ReadAllAsync(reopenedConsumer, "2", EventPosition.FromSequenceNumber(2, isInclusive: false)));
        var properties = await reopenedProducer.GetPartitionPropertiesAsync("2", Deadline);

        Assert.Equal(3, before.Count);
        Assert.Equal(before, after);
        Assert.Equal(3, appended.SequenceNumber);
        Assert.True(long.Parse(appended.OffsetString, CultureInfo.InvariantCulture) > long.Parse(before[^1].Offset, CultureInfo.InvariantCulture));
        Assert.Equal(3, properties.LastEnqueuedSequenceNumber);
    }

    [Fact]
    public async Task StartAsync_FileEndsWithATornRecord_DropsItAndKeepsEarlierEvents()
    {
        await using (var first = await StartEmulatorAsync(_dataDirectory))
        {
            await using var producer = CreateProducer(first);
            await producer.SendAsync([Event("kept")], new SendEventOptions { PartitionId = "0" }, Deadline);
        }

        var file = Path.Combine(_dataDirectory, EventHubName, "partition-0.log");
        await File.AppendAllBytesAsync(file, [42, 0, 0, 0, 1, 2], Deadline);

        await using var second = await StartEmulatorAsync(_dataDirectory);
        await using var reopenedProducer = CreateProducer(second);
        await using var consumer = CreateConsumer(second);
        await reopenedProducer.SendAsync([Event("next")], new SendEventOptions { PartitionId = "0" }, Deadline);

        var events = await ReadAllAsync(consumer, "0", EventPosition.Earliest);
        Assert.Equal(["kept", "next"], events.Select(e => e.EventBody.ToString()));
        Assert.Equal([0L, 1L], events.Select(e => e.SequenceNumber));
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static List<(long, string, DateTimeOffset, string, string?)> Describe(IEnumerable<EventData> events) =>
        [.. events.Select(e => (e.SequenceNumber, e.OffsetString, e.EnqueuedTime, e.EventBody.ToString(), e.PartitionKey))];
}
