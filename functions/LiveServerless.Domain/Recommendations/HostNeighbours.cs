using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Profiles;

namespace LiveServerless.Domain.Recommendations;

/// <summary>
/// One host's co-engagement document (partition key: the host's user id): the hosts their audience also engages, with decayed weights,
/// bounded to the top <see cref="CoEngagement.MaxNeighbours"/>, and the watermarks that make updates exactly-once.
/// </summary>
public sealed record HostNeighbours
{
    public required string HostUserId { get; init; }

    /// <summary>All co-engagement this host ever received (decayed), including neighbours since pruned: the similarity's denominator.</summary>
    public DecayedValue Total { get; init; }

    public IReadOnlyDictionary<string, DecayedValue> Neighbours { get; init; } = new Dictionary<string, DecayedValue>();

    /// <summary>Per partition, the last event whose contributions this document applied. Many partitions write here; each is in order.</summary>
    public StreamWatermarks Watermarks { get; init; } = StreamWatermarks.None;

    public static HostNeighbours Empty(string hostUserId) => new() { HostUserId = hostUserId };

    /// <summary>
    /// Applies the contributions addressed to this host whose events it has not applied yet, judged against the watermarks as they were
    /// before this call (one event legitimately contributes several neighbours). Returns the same instance when nothing is new.
    /// </summary>
    /// <exception cref="ArgumentException">A contribution is addressed to another host.</exception>
    public HostNeighbours Apply(IEnumerable<CoEngagementContribution> contributions)
    {
        var fresh = contributions.Where(IsNew).ToList();
        if (fresh.Count == 0)
        {
            return this;
        }

        var neighbours = new Dictionary<string, DecayedValue>(Neighbours, StringComparer.Ordinal);
        var total = Total;
        var watermarks = Watermarks;
        foreach (var contribution in fresh)
        {
            neighbours[contribution.NeighbourHostId] = neighbours.GetValueOrDefault(contribution.NeighbourHostId)
                .Add(contribution.Weight, contribution.OccurredAt, CoEngagement.HalfLife);
            total = total.Add(contribution.Weight, contribution.OccurredAt, CoEngagement.HalfLife);
            watermarks = watermarks.Advance(contribution.PartitionId, contribution.SequenceNumber);
        }

        return this with { Total = total, Neighbours = StrongestNeighbours(neighbours, total.AsOf), Watermarks = watermarks };
    }

    /// <summary>
    /// For each neighbour, how much of this host's audience engagement also goes to it: co-engagement / (total + shrinkage),
    /// an estimate of P(neighbour | this host) in [0, 1) that stays small while the evidence is thin.
    /// </summary>
    public IEnumerable<(string HostUserId, double Similarity)> Similarities(DateTimeOffset now)
    {
        var denominator = Total.ValueAt(now, CoEngagement.HalfLife) + CoEngagement.SimilarityShrinkage;
        return Neighbours.Select(n => (n.Key, n.Value.ValueAt(now, CoEngagement.HalfLife) / denominator));
    }

    private bool IsNew(CoEngagementContribution contribution)
    {
        if (!string.Equals(contribution.HostUserId, HostUserId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A contribution for host '{contribution.HostUserId}' reached the document of '{HostUserId}'.", nameof(contribution));
        }

        return !Watermarks.IsApplied(contribution.PartitionId, contribution.SequenceNumber);
    }

    /// <summary>The top neighbours by weight now (ties: the smaller id), in id order so the stored JSON is canonical.</summary>
    private static Dictionary<string, DecayedValue> StrongestNeighbours(Dictionary<string, DecayedValue> neighbours, DateTimeOffset now) =>
        neighbours
            .OrderByDescending(n => n.Value.ValueAt(now, CoEngagement.HalfLife)).ThenBy(n => n.Key, StringComparer.Ordinal)
            .Take(CoEngagement.MaxNeighbours)
            .OrderBy(n => n.Key, StringComparer.Ordinal)
            .ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
}
