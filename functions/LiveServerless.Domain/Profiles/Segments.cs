namespace LiveServerless.Domain.Profiles;

/// <summary>
/// Coarse, explainable labels for targeting and reports, derived from the profile with fixed thresholds:
/// <list type="bullet">
/// <item><c>new</c>: first seen less than 3 days ago (or never).</item>
/// <item><c>engaged</c>: at least 5 h of recent watching (decayed, 7-day half-life — about 30 min a day, sustained);
/// <c>casual</c>: seen, but below that.</item>
/// <item><c>whale</c>: lifetime gifts worth at least 10,000 coins (catalog prices; coins are bought at about a cent each).</item>
/// <item><c>night-owl</c>: at least 20 interactions, 40 % or more of them between 00:00 and 05:59 UTC.</item>
/// <item><c>&lt;tag&gt;-fan</c> (e.g. <c>jazz-fan</c>): the user's top 3 tags with at least 10 interest points
/// (about half an hour of watching every other day).</item>
/// </list>
/// </summary>
public static class Segments
{
    public const string New = "new";
    public const string Casual = "casual";
    public const string Engaged = "engaged";
    public const string Whale = "whale";
    public const string NightOwl = "night-owl";
    public const string FanSuffix = "-fan";

    public static readonly TimeSpan NewUserPeriod = TimeSpan.FromDays(3);
    public const double EngagedWatchHours = 5;
    public const decimal WhaleGiftValue = 10_000m;
    public const int NightOwlMinInteractions = 20;
    public const double NightOwlShare = 0.4;
    public const int NightStartHour = 0;
    public const int NightEndHour = 6;
    public const double FanInterestPoints = 10;
    public const int MaxFanSegments = 3;

    public static IReadOnlyList<string> Derive(UserProfile profile, DateTimeOffset asOf)
    {
        var segments = new List<string>();
        var engagement = profile.Engagement;
        if (engagement.FirstSeen is not { } firstSeen || asOf - firstSeen < NewUserPeriod)
        {
            segments.Add(New);
        }

        if (engagement.FirstSeen is not null)
        {
            segments.Add(RecentWatchHours(profile, asOf) >= EngagedWatchHours ? Engaged : Casual);
        }

        if (engagement.GiftValue >= WhaleGiftValue)
        {
            segments.Add(Whale);
        }

        if (IsNightOwl(profile.ActiveHours))
        {
            segments.Add(NightOwl);
        }

        segments.AddRange(FanTags(profile, asOf).Select(tag => tag + FanSuffix));
        return segments;
    }

    private static double RecentWatchHours(UserProfile profile, DateTimeOffset asOf) =>
        profile.WatchedHosts.Values.Sum(seconds => seconds.ValueAt(asOf, ProfileRules.HostHalfLife)) / 3600;

    private static bool IsNightOwl(IReadOnlyList<long> activeHours)
    {
        var total = activeHours.Sum();
        var night = activeHours.Skip(NightStartHour).Take(NightEndHour - NightStartHour).Sum();
        return total >= NightOwlMinInteractions && night >= NightOwlShare * total;
    }

    private static IEnumerable<string> FanTags(UserProfile profile, DateTimeOffset asOf) =>
        profile.TagInterests
            .Select(t => (Tag: t.Key, Points: t.Value.ValueAt(asOf, ProfileRules.InterestHalfLife)))
            .Where(t => t.Points >= FanInterestPoints)
            .OrderByDescending(t => t.Points).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Take(MaxFanSegments)
            .Select(t => t.Tag);
}
