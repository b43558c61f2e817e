using System.Text.Json;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;
using LiveServerless.Emulators.EventHubs.Tests.Clients;

namespace LiveServerless.Emulators.EventHubs.Tests;

/// <summary>The official JavaScript SDK (a different AMQP stack: rhea, SASL ANONYMOUS, then a CBS token) against the emulator.</summary>
public sealed class JavaScriptClientTests(ITestOutputHelper output) : EmulatorTest(output)
{
    [Fact]
    public async Task SendBatch_WithPartitionKeyAndWithPartitionId_DotNetReadsEachWhereTheServiceWouldPutIt()
    {
        var sent = await RunAsync("send", new
        {
            batches = new object[]
            {
                new { partitionKey = "alice", bodies = new[] { "a1", "a2", "a3" } },
                new { partitionId = "2", bodies = new[] { "p1", "p2" } },
            },
        });
        Assert.Equal(5, sent.GetProperty("sent").GetInt32());

        await using var consumer = CreateConsumer();
        var alicePartition = PartitionKeyHash.PartitionIndexFor("alice", PartitionCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var aliceEvents = (await ReadAllAsync(consumer, alicePartition, EventPosition.Earliest)).Where(e => e.PartitionKey == "alice").ToList();
        var partitionTwo = await ReadAllAsync(consumer, "2", EventPosition.Earliest);

        Assert.Equal(["a1", "a2", "a3"], aliceEvents.Select(e => e.EventBody.ToString()));
        Assert.All(aliceEvents, e => Assert.Equal("javascript", e.Properties["sender"]));
        Assert.Equal(["p1", "p2"], partitionTwo.Where(e => e.PartitionKey is null).Select(e => e.EventBody.ToString()));
    }

    [Fact]
    public async Task Subscribe_FromEarliestAndFromASequenceNumber_ReadsWhatDotNetSent()
    {
        await using var producer = CreateProducer();
        await producer.SendAsync([Event("e0"), Event("e1"), Event("e2"), Event("e3")], new SendEventOptions { PartitionId = "1" }, Deadline);

        var fromEarliest = await RunAsync("read", new { partitionId = "1", count = 4 });
        var fromTwo = await RunAsync("read", new { partitionId = "1", sequenceNumber = 2, count = 2 });

        Assert.Equal(["e0", "e1", "e2", "e3"], Bodies(fromEarliest));
        Assert.Equal([0L, 1L, 2L, 3L], fromEarliest.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequenceNumber").GetInt64()));
        Assert.Equal(["e2", "e3"], Bodies(fromTwo));
    }

    [Fact]
    public async Task SendThenRead_RoundTripsThroughTheJavaScriptSdkAlone()
    {
        await RunAsync("send", new { batches = new object[] { new { partitionId = "3", bodies = new[] { "x", "y" } } } });

        var read = await RunAsync("read", new { partitionId = "3", count = 2 });

        Assert.Equal(["x", "y"], Bodies(read));
        Assert.All(read.GetProperty("events").EnumerateArray(), e => Assert.Equal("javascript", e.GetProperty("sender").GetString()));
    }

    [Fact]
    public async Task GetProperties_ReportsTheHubAndEachPartition()
    {
        await using var producer = CreateProducer();
        await producer.SendAsync([Event("a"), Event("b")], new SendEventOptions { PartitionId = "0" }, Deadline);

        var properties = await RunAsync("properties", new { });

        Assert.Equal(EventHubName, properties.GetProperty("name").GetString());
        Assert.Equal(["0", "1", "2", "3"], properties.GetProperty("partitionIds").EnumerateArray().Select(p => p.GetString()));
        var partitionZero = properties.GetProperty("partitions")[0];
        Assert.Equal(1, partitionZero.GetProperty("lastEnqueuedSequenceNumber").GetInt64());
        Assert.False(partitionZero.GetProperty("isEmpty").GetBoolean());
        Assert.True(properties.GetProperty("partitions")[1].GetProperty("isEmpty").GetBoolean());
    }

    [Fact]
    public async Task Subscribe_SecondConsumerWithHigherOwnerLevel_FirstIsToldItWasDisconnected()
    {
        await using var producer = CreateProducer();
        await producer.SendAsync([Event("a")], new SendEventOptions { PartitionId = "0" }, Deadline);

        var outcome = await RunAsync("owner-levels", new { partitionId = "0" });

        Assert.Equal("ReceiverDisconnectedError", outcome.GetProperty("firstReceiver").GetProperty("code").GetString());
        Assert.True(outcome.GetProperty("secondRead").GetInt32() > 0);
    }

    [Fact]
    public async Task Send_WithTheWrongKey_IsRefusedAsUnauthorized()
    {
        var wrongKey = Emulator.ConnectionString.Replace("SharedAccessKey=SAS_KEY_VALUE", "SharedAccessKey=not-the-key", StringComparison.Ordinal);

        var outcome = await ClientScripts.RunJavaScriptAsync(wrongKey, EventHubName, "send", new { batches = new object[] { new { partitionId = "0", bodies = new[] { "x" } } } }, Deadline);

        Assert.Equal("UnauthorizedError", outcome.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Read_FromAnUnknownConsumerGroup_IsRefusedAsNotFound()
    {
        var outcome = await RunAsync("read", new { partitionId = "0", count = 1, consumerGroup = "nobody-configured-this" });

        Assert.Equal("MessagingEntityNotFoundError", outcome.GetProperty("error").GetProperty("code").GetString());
    }

    private Task<JsonElement> RunAsync(string command, object arguments) =>
        ClientScripts.RunJavaScriptAsync(Emulator.ConnectionString, EventHubName, command, arguments, Deadline);

    private static IEnumerable<string?> Bodies(JsonElement read) =>
        read.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("body").GetString());
}
