namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// An event as a partition holds it: <see cref="Message"/> is the publisher's AMQP message, already stamped with the
/// sequence number, offset and enqueued time annotations, so that delivering it is a copy of these bytes.
/// </summary>
internal sealed record StoredEvent(long SequenceNumber, long Offset, DateTime EnqueuedTimeUtc, byte[] Message)
{
    /// <summary>Event Hubs filters on enqueued time in Unix milliseconds, the precision of an AMQP timestamp.</summary>
    public long EnqueuedUnixMilliseconds => new DateTimeOffset(EnqueuedTimeUtc).ToUnixTimeMilliseconds();
}

/// <summary>A partition's runtime information, as the <c>$management</c> node reports it.</summary>
internal sealed record PartitionSnapshot(
    long BeginSequenceNumber,
    long LastSequenceNumber,
    long LastOffset,
    DateTime LastEnqueuedTimeUtc,
    bool IsEmpty);
