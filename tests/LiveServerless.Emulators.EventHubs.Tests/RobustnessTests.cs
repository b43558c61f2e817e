using System.Globalization;
using System.Net.Sockets;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Producer;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace LiveServerless.Emulators.EventHubs.Tests;

public sealed class RobustnessTests(ITestOutputHelper output) : EmulatorTest(output)
{
    [Fact]
    public async Task Emulator_ClientsThatSendGarbageOrVanish_KeepsServingOthers()
    {
        for (var i = 0; i < 5; i++)
        {
            using var garbage = new TcpClient();
            await garbage.ConnectAsync("127.0.0.1", Emulator.Port, Deadline);
            await garbage.GetStream().WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray(), Deadline);
        }

        for (var i = 0; i < 5; i++)
        {
            // A valid AMQP SASL header, then the client disappears mid-handshake.
            using var vanishing = new TcpClient();
            await vanishing.ConnectAsync("127.0.0.1", Emulator.Port, Deadline);
            await vanishing.GetStream().WriteAsync("AMQP\u0003\u0001\u0000\u0000"u8.ToArray(), Deadline);
        }

        await using var producer = CreateProducer();
        await using var consumer = CreateConsumer();
        await producer.SendAsync([Event("still-here")], new SendEventOptions { PartitionId = "0" }, Deadline);
        Assert.Equal(["still-here"], (await ReadAllAsync(consumer, "0", EventPosition.Earliest)).Select(e => e.EventBody.ToString()));
    }

    [Fact]
    public async Task Emulator_ReceiverConnectionDropsAbruptly_ReleasesItsOwnerLevel()
    {
        var connection = await RawAmqpClient.ConnectAsync(Emulator.Port, Deadline);
        var session = connection.CreateSession(new AmqpSessionSettings());
        await session.OpenAsync(Deadline);
        var settings = new AmqpLinkSettings
        {
            Role = true,
            LinkName = "abrupt",
            Source = new Source { Address = $"/{EventHubName}/ConsumerGroups/$Default/Partitions/0" },
            Target = new Target { Address = "abrupt" },
            TotalLinkCredit = 10,
            AutoSendFlow = true,
            SettleType = SettleMode.SettleOnSend,
        };
        settings.AddProperty("com.microsoft:epoch", 5L);
        var link = new ReceivingAmqpLink(session, settings);
        await link.OpenAsync(Deadline);

        // No detach, end or close: the socket just goes away, as when a process dies.
        connection.Abort();

        await using var producer = CreateProducer();
        await producer.SendAsync([Event("after-crash")], new SendEventOptions { PartitionId = "0" }, Deadline);
        await using var successor = new PartitionReceiver(
            EventHubConsumerClient.DefaultConsumerGroupName, "0", EventPosition.Earliest, Emulator.ConnectionString, EventHubName,
            new PartitionReceiverOptions { OwnerLevel = 0, RetryOptions = FastRetries });
        var received = await ReceiveWithinDeadlineAsync(successor);
        Assert.Equal("after-crash", Assert.Single(received).EventBody.ToString());
    }

    [Fact]
    public async Task Emulator_ManyConcurrentProducersAndConsumers_StoresAndDeliversEverything()
    {
        const int Producers = 8;
        const int EventsPerProducer = 50;
        await using var consumer = CreateConsumer();

        await Task.WhenAll(Enumerable.Range(0, Producers).Select(async p =>
        {
            await using var producer = CreateProducer();
            for (var i = 0; i < EventsPerProducer; i++)
            {
                await producer.SendAsync([Event($"p{p}-e{i}")], new SendEventOptions { PartitionKey = $"producer-{p}" }, Deadline);
            }
        }));

        var perPartition = await Task.WhenAll(Enumerable.Range(0, PartitionCount).Select(async partition =>
        {
            await using var reader = CreateConsumer();
            return await ReadAllAsync(reader, partition.ToString(CultureInfo.InvariantCulture), EventPosition.Earliest);
        }));

        var bodies = perPartition.SelectMany(events => events).Select(e => e.EventBody.ToString()).ToList();
        Assert.Equal(Producers * EventsPerProducer, bodies.Count);
        Assert.Equal(bodies.Count, bodies.Distinct().Count());
        foreach (var events in perPartition)
        {
            // Within a partition, each producer's events keep their send order.
            foreach (var fromOneProducer in events.Select(e => e.EventBody.ToString()).GroupBy(body => body.Split('-')[0]))
            {
                var indexes = fromOneProducer.Select(body => int.Parse(body.Split("-e")[1], CultureInfo.InvariantCulture)).ToList();
                Assert.Equal(indexes.Order(), indexes);
            }
        }
    }

    [Fact]
    public async Task StopAsync_WithConnectedClients_ClosesThemAndStopsListening()
    {
        await using var producer = CreateProducer();
        await producer.SendAsync([Event("a")], Deadline);
        var port = Emulator.Port;

        await Emulator.StopAsync().WaitAsync(TimeSpan.FromSeconds(10), Deadline);

        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(async () => await probe.ConnectAsync("127.0.0.1", port, Deadline));
        // The producer's connection was closed, so it reconnects, and after its retries reports the refused connection.
        var failure = await Assert.ThrowsAsync<SocketException>(() => producer.SendAsync([Event("b")], Deadline));
        Assert.Equal(SocketError.ConnectionRefused, failure.SocketErrorCode);
    }

    /// <summary>The previous owner's link may take a moment to be noticed as gone, so a refused attach is retried until the deadline.</summary>
    private async Task<IReadOnlyList<EventData>> ReceiveWithinDeadlineAsync(PartitionReceiver receiver) =>
        await Eventually.MatchesAsync(
            async () =>
            {
                try
                {
                    return (await receiver.ReceiveBatchAsync(1, TimeSpan.FromSeconds(1), Deadline)).ToList();
                }
                catch (EventHubsException refused) when (refused.Reason == EventHubsException.FailureReason.ConsumerDisconnected)
                {
                    Output.WriteLine($"Refused while the old owner is still attached: {refused.Message}");
                    return [];
                }
            },
            batch => batch.Count > 0,
            "A batch received by the new owner");
}
