namespace LiveServerless.Domain.Interactions;

/// <summary>
/// Exactly-once effects over an at-least-once stream: a document updated by the stream records, per partition, the highest
/// sequence number already applied to it. An event at or below its partition's watermark is a replay and is skipped.
/// Partition key = user id, so one partition owns each user and its events arrive in order.
/// </summary>
public sealed record StreamWatermarks(IReadOnlyDictionary<string, long> Applied)
{
    public static StreamWatermarks None { get; } = new(new Dictionary<string, long>());

    public bool IsApplied(string partitionId, long sequenceNumber) =>
        Applied.TryGetValue(partitionId, out var watermark) && sequenceNumber <= watermark;

    public StreamWatermarks Advance(string partitionId, long sequenceNumber)
    {
        if (IsApplied(partitionId, sequenceNumber))
        {
            return this;
        }

        var applied = new Dictionary<string, long>(Applied) { [partitionId] = sequenceNumber };
        return new StreamWatermarks(applied);
    }

    /// <summary>The events of a batch this document has not seen yet, in stream order.</summary>
    public IEnumerable<StreamedInteraction> Unapplied(IEnumerable<StreamedInteraction> events) =>
        events.Where(e => !IsApplied(e.PartitionId, e.SequenceNumber));

    /// <summary>The watermarks after applying <paramref name="events"/>.</summary>
    public StreamWatermarks AdvanceAll(IEnumerable<StreamedInteraction> events) =>
        events.Aggregate(this, (marks, e) => marks.Advance(e.PartitionId, e.SequenceNumber));
}
