using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace LiveServerless.Emulators.EventHubs.Tests;

public sealed class EventMessagesTests
{
    [Fact]
    public void Stamp_PublishedMessage_AddsServiceAnnotationsAndDropsDeliveryAnnotations()
    {
        using var published = AmqpMessage.Create(new Data { Value = new ArraySegment<byte>([1, 2, 3]) });
        published.DeliveryAnnotations.Map["hop-only"] = "x";
        published.MessageAnnotations.Map["x-opt-partition-key"] = "user-1";
        published.ApplicationProperties.Map["kind"] = "like";
        var enqueued = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

        var encoded = Encode(published);
        using (var asPublished = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(encoded)])))
        {
            Assert.Equal("x", asPublished.DeliveryAnnotations.Map["hop-only"]);
        }

        var stamped = EventMessages.Stamp(encoded, 7, 1234, enqueued, partitionKey: null);

        using var delivered = EventMessages.ForDelivery(new StoredEvent(7, 1234, enqueued, stamped), lastEnqueued: null);
        using var decoded = AmqpMessage.CreateAmqpStreamMessage(
            new BufferListStream(delivered.GetPayload()));
        Assert.Null(decoded.DeliveryAnnotations);
        Assert.Equal(7L, decoded.MessageAnnotations.Map["x-opt-sequence-number"]);
        Assert.Equal("1234", decoded.MessageAnnotations.Map["x-opt-offset"]);
        Assert.Equal(enqueued, decoded.MessageAnnotations.Map["x-opt-enqueued-time"]);
        Assert.Equal("user-1", decoded.MessageAnnotations.Map["x-opt-partition-key"]);
        Assert.Equal("like", decoded.ApplicationProperties.Map["kind"]);
        Assert.Equal([1, 2, 3], ((ArraySegment<byte>)Assert.Single(decoded.DataBody).Value).ToArray());
    }

    [Fact]
    public void ForDelivery_WithLastEnqueuedEvent_AddsDeliveryAnnotationsAndKeepsTheEvent()
    {
        using var published = AmqpMessage.Create(new Data { Value = new ArraySegment<byte>([9]) });
        var enqueued = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        var stored = new StoredEvent(0, 0, enqueued, EventMessages.Stamp(Encode(published), 0, 0, enqueued, "key"));

        using var delivered = EventMessages.ForDelivery(stored, new PartitionSnapshot(0, 5, 600, enqueued, IsEmpty: false));

        using var decoded = AmqpMessage.CreateAmqpStreamMessage(
            new BufferListStream(delivered.GetPayload()));
        Assert.Equal(5L, decoded.DeliveryAnnotations.Map["last_enqueued_sequence_number"]);
        Assert.Equal("600", decoded.DeliveryAnnotations.Map["last_enqueued_offset"]);
        Assert.Equal("key", decoded.MessageAnnotations.Map["x-opt-partition-key"]);
        Assert.Equal([9], ((ArraySegment<byte>)Assert.Single(decoded.DataBody).Value).ToArray());
    }

    private static byte[] Encode(AmqpMessage message) => [.. message.GetPayload().SelectMany(segment => segment)];
}
