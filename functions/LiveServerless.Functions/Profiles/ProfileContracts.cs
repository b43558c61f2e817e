using LiveServerless.Domain.Profiles;

namespace LiveServerless.Functions.Profiles;

public sealed record Weighted(string Name, double Weight);

public sealed record CategoryCtr(string Category, long Impressions, long Clicks, double PredictedCtr);

/// <summary>
/// A user's profile as partners see it (GET /users/{userId}/profile): interests and hosts decayed to now and sorted by weight,
/// lifetime engagement, active hours, ad CTR with its Bayesian estimate, and segments.
/// </summary>
public sealed record ProfileResponse(
    string UserId,
    IReadOnlyList<string> Segments,
    IReadOnlyList<Weighted> Interests,
    IReadOnlyList<Weighted> Categories,
    IReadOnlyList<Weighted> OftenWatchedHosts,
    IReadOnlyList<string> FollowedHosts,
    EngagementStats Engagement,
    IReadOnlyList<long> ActiveHours,
    double PredictedAdCtr,
    IReadOnlyList<CategoryCtr> AdCtrByCategory,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProfileResponse From(UserProfile profile, DateTimeOffset now) => new(
        profile.UserId,
        Domain.Profiles.Segments.Derive(profile, now),
        Sorted(profile.TagInterests, now, ProfileRules.InterestHalfLife),
        Sorted(profile.CategoryInterests, now, ProfileRules.InterestHalfLife),
        Sorted(profile.WatchedHosts, now, ProfileRules.HostHalfLife),
        [.. profile.FollowedHosts.OrderByDescending(f => f.Value).Select(f => f.Key)],
        profile.Engagement,
        profile.ActiveHours,
        Math.Round(profile.PredictedCtr(null), 5),
        [.. profile.AdsByCategory.Select(a => new CategoryCtr(a.Key, a.Value.Impressions, a.Value.Clicks, Math.Round(a.Value.PredictedCtr(), 5)))],
        profile.CreatedAt,
        profile.UpdatedAt);

    private static Weighted[] Sorted(IReadOnlyDictionary<string, DecayedValue> values, DateTimeOffset now, TimeSpan halfLife) =>
        [.. values.Select(v => new Weighted(v.Key, Math.Round(v.Value.ValueAt(now, halfLife), 4))).OrderByDescending(w => w.Weight).ThenBy(w => w.Name, StringComparer.Ordinal)];
}
