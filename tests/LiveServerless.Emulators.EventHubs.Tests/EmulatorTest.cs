using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;

namespace LiveServerless.Emulators.EventHubs.Tests;

/// <summary>
/// Each test gets its own emulator on a free loopback port, real SDK clients with short retries (so failures surface quickly),
/// and a deadline that every await observes.
/// </summary>
public abstract class EmulatorTest(ITestOutputHelper output) : IAsyncLifetime
{
    protected const string EventHubName = "interactions";
    protected const int PartitionCount = 4;
    protected const string ConfiguredConsumerGroup = "analytics";

    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(60));
    private EventHubsEmulator? _emulator;

    protected static EventHubsRetryOptions FastRetries { get; } = new()
    {
        MaximumRetries = 2,
        Delay = TimeSpan.FromMilliseconds(100),
        MaximumDelay = TimeSpan.FromSeconds(1),
        TryTimeout = TimeSpan.FromSeconds(10),
    };

    protected EventHubsEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator is not started.");

    protected CancellationToken Deadline => _deadline.Token;

    protected ITestOutputHelper Output => output;

    public virtual async Task InitializeAsync() => _emulator = await StartEmulatorAsync();

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.StopAsync(Deadline);
        }

        _deadline.Dispose();
    }

    protected Task<EventHubsEmulator> StartEmulatorAsync(string? dataDirectory = null) =>
        EventHubsEmulator.StartAsync(
            new EventHubsEmulatorOptions
            {
                Host = "127.0.0.1",
                Port = 0,
                EventHubs = new Dictionary<string, int> { [EventHubName] = PartitionCount, ["audit"] = 1 },
                DataDirectory = dataDirectory,
                ConsumerGroups = [ConfiguredConsumerGroup],
            },
            new TestOutputLoggerFactory(output),
            Deadline);

    protected static EventHubProducerClient CreateProducer(EventHubsEmulator emulator, string eventHubName = EventHubName) =>
        new(emulator.ConnectionString, eventHubName, new EventHubProducerClientOptions { RetryOptions = FastRetries });

    protected static EventHubConsumerClient CreateConsumer(EventHubsEmulator emulator, string eventHubName = EventHubName) =>
        new(EventHubConsumerClient.DefaultConsumerGroupName, emulator.ConnectionString, eventHubName, new EventHubConsumerClientOptions { RetryOptions = FastRetries });

    protected EventHubProducerClient CreateProducer() => CreateProducer(Emulator);

    protected EventHubConsumerClient CreateConsumer() => CreateConsumer(Emulator);

    protected static EventData Event(string body, string? id = null) =>
        new(BinaryData.FromString(body)) { MessageId = id ?? body };

    /// <summary>Reads exactly <paramref name="count"/> events from a partition (the deadline fails the test if fewer arrive).</summary>
    protected async Task<List<EventData>> ReadAsync(EventHubConsumerClient consumer, string partitionId, EventPosition position, int count)
    {
        var events = new List<EventData>(count);
        if (count == 0)
        {
            return events;
        }

        await foreach (var partitionEvent in consumer.ReadEventsFromPartitionAsync(partitionId, position, Deadline))
        {
            events.Add(partitionEvent.Data);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }

    /// <summary>Reads a partition from <paramref name="position"/> until it has been quiet for a moment: "everything there is".</summary>
    protected async Task<List<EventData>> ReadAllAsync(EventHubConsumerClient consumer, string partitionId, EventPosition position)
    {
        var events = new List<EventData>();
        var options = new ReadEventOptions { MaximumWaitTime = TimeSpan.FromMilliseconds(500) };
        await foreach (var partitionEvent in consumer.ReadEventsFromPartitionAsync(partitionId, position, options, Deadline))
        {
            if (partitionEvent.Data is null)
            {
                break;
            }

            events.Add(partitionEvent.Data);
        }

        return events;
    }
}
