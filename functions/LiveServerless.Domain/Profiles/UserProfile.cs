using LiveServerless.Domain.Common;
using LiveServerless.Domain.Interactions;

namespace LiveServerless.Domain.Profiles;

/// <summary>
/// A user's portrait, built from the interaction stream: decayed interests per tag and category, lifetime engagement, when they are
/// active, how they respond to ads, which hosts they follow and watch, and the segments derived from all that. One document per user;
/// plain properties and string-keyed dictionaries so it stores as camelCase JSON as it is. Change it only through <see cref="ProfileUpdater"/>.
/// </summary>
public sealed record UserProfile
{
    public required string UserId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The latest event time applied (or the creation time): the profile's own clock, never the wall clock.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Interest points per tag, halving every <see cref="ProfileRules.InterestHalfLife"/>.</summary>
    public IReadOnlyDictionary<string, DecayedValue> TagInterests { get; init; } = new Dictionary<string, DecayedValue>();

    /// <summary>Interest points per room category, halving every <see cref="ProfileRules.InterestHalfLife"/>.</summary>
    public IReadOnlyDictionary<string, DecayedValue> CategoryInterests { get; init; } = new Dictionary<string, DecayedValue>();

    /// <summary>Seconds watched per host, halving every <see cref="ProfileRules.HostHalfLife"/>: the often-watched hosts.</summary>
    public IReadOnlyDictionary<string, DecayedValue> WatchedHosts { get; init; } = new Dictionary<string, DecayedValue>();

    /// <summary>Followed hosts and when the follow happened.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> FollowedHosts { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>Ad impressions and clicks per category of the room the ad was shown in.</summary>
    public IReadOnlyDictionary<string, AdClickStats> AdsByCategory { get; init; } = new Dictionary<string, AdClickStats>();

    public EngagementStats Engagement { get; init; } = EngagementStats.None;

    /// <summary>Interactions per UTC hour of day (24 entries, index = hour).</summary>
    public IReadOnlyList<long> ActiveHours { get; init; } = new long[24];

    /// <summary>The viewing in progress, so watch time has diminishing returns per viewing however often heartbeats arrive.</summary>
    public WatchSession? CurrentWatch { get; init; }

    /// <summary>Segments as of <see cref="UpdatedAt"/>; <see cref="Profiles.Segments.Derive"/> recomputes them for another time.</summary>
    public IReadOnlyList<string> Segments { get; init; } = [];

    /// <summary>Per stream partition, the last event applied: replays are skipped (exactly-once effects).</summary>
    public StreamWatermarks Watermarks { get; init; } = StreamWatermarks.None;

    /// <summary>A profile for a user who has not interacted yet, seeded with a small prior on the tags they declared.</summary>
    public static UserProfile ForNewUser(string userId, IReadOnlyList<string> declaredTags, DateTimeOffset now)
    {
        var seeded = TagRules.Normalize(declaredTags).Order(StringComparer.Ordinal)
            .ToDictionary(tag => tag, _ => new DecayedValue(ProfileRules.DeclaredTagPrior, now), StringComparer.Ordinal);
        var profile = new UserProfile { UserId = userId, CreatedAt = now, UpdatedAt = now, TagInterests = seeded };
        return profile with { Segments = Profiles.Segments.Derive(profile, now) };
    }

    // Derived values are methods, not properties, so they are not written into the stored JSON.

    /// <summary>True when nothing is known about the user's taste, so recommendations fall back to what is trending.</summary>
    public bool IsEmpty() => TagInterests.Count == 0 && CategoryInterests.Count == 0 && WatchedHosts.Count == 0 && FollowedHosts.Count == 0;

    /// <summary>Predicted ad click-through rate in a room category (Beta-prior posterior mean); null = across all categories.</summary>
    public double PredictedCtr(string? category) => category is null
        ? new AdClickStats(Engagement.AdImpressions, Engagement.AdClicks).PredictedCtr()
        : AdsByCategory.GetValueOrDefault(category, AdClickStats.None).PredictedCtr();

    /// <summary>The hosts the user engages most as of <paramref name="now"/>, with their share of the user's engagement (shares sum to 1).</summary>
    public IReadOnlyList<HostShare> TopHosts(DateTimeOffset now, int count) => HostShare.Top(WatchedHosts, FollowedHosts, now, count);
}

/// <summary>Seconds watched so far in the current viewing of one room.</summary>
public sealed record WatchSession(string RoomId, double Seconds);
