using System.Globalization;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>The AMQP shapes of events: what publishers send, what a partition stores, what consumers receive.</summary>
internal static class EventMessages
{
    private const string SequenceNumberAnnotation = "x-opt-sequence-number";
    private const string OffsetAnnotation = "x-opt-offset";
    private const string EnqueuedTimeAnnotation = "x-opt-enqueued-time";
    private const string PartitionKeyAnnotation = "x-opt-partition-key";

    // Sent in delivery annotations to receivers that asked for com.microsoft:enable-receiver-runtime-metric.
    private const string LastEnqueuedSequenceNumber = "last_enqueued_sequence_number";
    private const string LastEnqueuedOffset = "last_enqueued_offset";
    private const string LastEnqueuedTimeUtc = "last_enqueued_time_utc";
    private const string RuntimeInfoRetrievalTimeUtc = "runtime_info_retrieval_time_utc";

    /// <summary>
    /// Splits a publish into its events. A batch has message format 0x80013700 and one Data section per event, each holding a
    /// complete encoded AMQP message; anything else is a single event. The partition key is read from the envelope.
    /// </summary>
    public static (IReadOnlyList<byte[]> Messages, string? PartitionKey) Unpack(AmqpMessage published)
    {
        var partitionKey = published.MessageAnnotations.Map.TryGetValue<string>(PartitionKeyAnnotation, out var key) ? key : null;
        if (published.MessageFormat == AmqpConstants.AmqpBatchedMessageFormat)
        {
            return ([.. published.DataBody.Select(data => ((ArraySegment<byte>)data.Value).ToArray())], partitionKey);
        }

        using var copy = new MemoryStream();
        published.ToStream().CopyTo(copy);
        return ([copy.ToArray()], partitionKey);
    }

    /// <summary>
    /// Adds what the service adds to an event it stores, leaving everything the publisher set (body, properties,
    /// application properties, its own annotations) untouched.
    /// </summary>
    public static byte[] Stamp(byte[] message, long sequenceNumber, long offset, DateTime enqueuedTimeUtc, string? partitionKey)
    {
        using var decoded = Decode(message);
        var annotations = decoded.MessageAnnotations.Map;
        annotations[SequenceNumberAnnotation] = sequenceNumber;
        annotations[OffsetAnnotation] = offset.ToString(CultureInfo.InvariantCulture);
        annotations[EnqueuedTimeAnnotation] = enqueuedTimeUtc;
        if (partitionKey is not null && !annotations.TryGetValue<string>(PartitionKeyAnnotation, out _))
        {
            annotations[PartitionKeyAnnotation] = partitionKey;
        }

        var encoded = decoded.GetPayload().SelectMany(segment => segment).ToArray();

        // Delivery annotations are meant for one hop, so a publisher's are not passed on to consumers.
        return decoded.DeliveryAnnotations is { } hopOnly
            ? [.. encoded.AsSpan(0, (int)hopOnly.Offset), .. encoded.AsSpan((int)(hopOnly.Offset + hopOnly.Length))]
            : encoded;
    }

    /// <summary>A fresh message per delivery (a message belongs to one link); with <paramref name="lastEnqueued"/>, carrying the partition's runtime information.</summary>
    public static AmqpMessage ForDelivery(StoredEvent stored, PartitionSnapshot? lastEnqueued)
    {
        var payload = new ArraySegment<byte>(stored.Message);
        if (lastEnqueued is null)
        {
            return AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([payload]), payloadInitialized: true);
        }

        // The delivery-annotations section goes right after the header, which stamping always writes first.
        int headerLength;
        using (var decoded = Decode(stored.Message))
        {
            headerLength = (int)decoded.Header.Length;
        }

        var runtimeInfo = new DeliveryAnnotations();
        runtimeInfo.Map[LastEnqueuedSequenceNumber] = lastEnqueued.LastSequenceNumber;
        runtimeInfo.Map[LastEnqueuedOffset] = lastEnqueued.LastOffset.ToString(CultureInfo.InvariantCulture);
        runtimeInfo.Map[LastEnqueuedTimeUtc] = lastEnqueued.LastEnqueuedTimeUtc;
        runtimeInfo.Map[RuntimeInfoRetrievalTimeUtc] = DateTime.UtcNow;
        var section = new byte[runtimeInfo.EncodeSize];
        using (var writer = new ByteBuffer(section))
        {
            runtimeInfo.Encode(writer);
        }

        return AmqpMessage.CreateAmqpStreamMessage(
            new BufferListStream([payload[..headerLength], new ArraySegment<byte>(section), payload[headerLength..]]),
            payloadInitialized: true);
    }

    private static AmqpMessage Decode(byte[] message) =>
        AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(message)]));
}
