using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Profiles;

namespace LiveServerless.Functions.Ads;

/// <summary>What an ad decision knows about a viewer, read off their profile as of now.</summary>
public static class AdAudiences
{
    /// <summary>
    /// A tag counts as an interest from half a declared tag's prior on (a declared tag stays one for a week without any behaviour behind
    /// it); the strongest few are enough for targeting and keep the index lookups few.
    /// </summary>
    public const double MinInterestPoints = ProfileRules.DeclaredTagPrior / 2;

    public const int MaxInterestTags = 10;

    public static AdAudience Of(UserProfile profile, DateTimeOffset now) => AdAudience.Create(
        profile.UserId,
        Segments.Derive(profile, now),
        profile.TagInterests
            .Select(t => (Tag: t.Key, Points: t.Value.ValueAt(now, ProfileRules.InterestHalfLife)))
            .Where(t => t.Points >= MinInterestPoints)
            .OrderByDescending(t => t.Points).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Take(MaxInterestTags)
            .Select(t => t.Tag),
        profile.AdsByCategory.ToDictionary(a => a.Key, a => a.Value.PredictedCtr(), StringComparer.Ordinal));
}
