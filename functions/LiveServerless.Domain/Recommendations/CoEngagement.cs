using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Profiles;

namespace LiveServerless.Domain.Recommendations;

/// <summary>
/// The incremental host–host co-engagement signal ("fans of A also watch B"). When a user engages host B with interest weight δ,
/// each of the user's engaged hosts A (their top <see cref="HostsPairedPerEngagement"/>, with shares s_A summing to 1) is paired with B:
/// A's document gains neighbour B and B's document gains neighbour A, each by δ · s_A. Dividing by the user's hosts keeps heavy
/// users from dominating; the watch curve's diminishing returns keep one long viewing from dominating.
/// </summary>
public static class CoEngagement
{
    /// <summary>Co-engagement halves every 14 days: audiences drift more slowly than one user's taste.</summary>
    public static readonly TimeSpan HalfLife = TimeSpan.FromDays(14);

    /// <summary>How many of the user's hosts one engagement is paired with (write fan-out: at most this many + 1 documents per user batch).</summary>
    public const int HostsPairedPerEngagement = 10;

    /// <summary>Neighbours kept per host document (top-K by decayed weight), so a document stays a few KB.</summary>
    public const int MaxNeighbours = 50;

    /// <summary>Pseudo-weight added to a host's total when turning co-engagement into a similarity: thin evidence stays a weak signal.</summary>
    public const double SimilarityShrinkage = 5;

    /// <summary>
    /// The contributions of one user's batch, computed against the profile as it was BEFORE the batch (the same profile
    /// <see cref="ProfileUpdater.Apply"/> receives). Events the profile already applied yield nothing, so write the host documents first
    /// and the profile last: a replay then recomputes exactly the same contributions for documents that missed them.
    /// </summary>
    public static IReadOnlyList<CoEngagementContribution> Contributions(UserProfile before, IReadOnlyList<StreamedInteraction> events)
    {
        var builder = new ProfileBuilder(before);
        var contributions = new List<CoEngagementContribution>();
        foreach (var streamed in events)
        {
            var interaction = streamed.Interaction;
            var pairedHosts = IsHostEngagement(interaction)
                ? HostShare.Top(builder.WatchedHosts, builder.FollowedHosts, interaction.OccurredAt, HostsPairedPerEngagement + 1)
                : [];
            if (!builder.TryApply(streamed, out var weight) || weight <= 0 || interaction.HostUserId is not { } engaged)
            {
                continue;
            }

            var others = pairedHosts.Where(h => !string.Equals(h.HostUserId, engaged, StringComparison.Ordinal)).Take(HostsPairedPerEngagement).ToList();
            var othersShare = others.Sum(h => h.Share);
            foreach (var other in others)
            {
                var amount = weight * other.Share / othersShare;
                contributions.Add(new(engaged, other.HostUserId, amount, interaction.OccurredAt, streamed.PartitionId, streamed.SequenceNumber));
                contributions.Add(new(other.HostUserId, engaged, amount, interaction.OccurredAt, streamed.PartitionId, streamed.SequenceNumber));
            }
        }

        return contributions;
    }

    /// <summary>Interactions that say "this user likes this host's streams"; ad events are about the advertiser, not the host.</summary>
    private static bool IsHostEngagement(Interaction interaction) =>
        interaction.HostUserId is not null && interaction.Type is not (InteractionType.AdImpression or InteractionType.AdClick);
}
