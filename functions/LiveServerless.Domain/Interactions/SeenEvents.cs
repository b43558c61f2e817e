namespace LiveServerless.Domain.Interactions;

/// <summary>
/// Client retries dedupe: one user's recently seen event ids (from idempotency keys) and where each first appeared in the
/// stream. An event whose id was first seen at another stream position is a duplicate post and is dropped; the same position
/// again is a replay, which passes (the handlers' watermarks skip it). Entries older than <see cref="Window"/> are forgotten.
/// </summary>
public sealed record SeenEvents(IReadOnlyDictionary<string, SeenAt> Ids)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public const int MaxIds = 5000;

    public static SeenEvents None { get; } = new(new Dictionary<string, SeenAt>());

    /// <summary>Splits a user's events into the ones to process and the duplicates, and returns the updated record.</summary>
    public (SeenEvents Seen, IReadOnlyList<StreamedInteraction> Keep, IReadOnlyList<StreamedInteraction> Duplicates) Filter(
        IEnumerable<StreamedInteraction> events, DateTimeOffset now)
    {
        var ids = new Dictionary<string, SeenAt>(Ids);
        var keep = new List<StreamedInteraction>();
        var duplicates = new List<StreamedInteraction>();
        foreach (var e in events)
        {
            var position = new SeenAt(e.PartitionId, e.SequenceNumber, e.Interaction.OccurredAt);
            if (ids.TryGetValue(e.Interaction.Id, out var first) && (first.PartitionId, first.SequenceNumber) != (position.PartitionId, position.SequenceNumber))
            {
                duplicates.Add(e);
                continue;
            }

            ids[e.Interaction.Id] = first ?? position;
            keep.Add(e);
        }

        var cutoff = now - Window;
        var recent = ids.Where(i => i.Value.OccurredAt >= cutoff).OrderByDescending(i => i.Value.OccurredAt).Take(MaxIds).ToDictionary(i => i.Key, i => i.Value);
        return (new SeenEvents(recent), keep, duplicates);
    }
}

public sealed record SeenAt(string PartitionId, long SequenceNumber, DateTimeOffset OccurredAt);
