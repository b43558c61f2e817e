using System.Globalization;

namespace LiveServerless.Domain.Recommendations;

/// <summary>
/// Human-readable reasons: every signal that added at least <see cref="RecommenderOptions.ReasonThreshold"/> to the relevance, strongest
/// first, at most <see cref="RecommenderOptions.MaxReasons"/>; "Live now" when nothing stood out, so a list item is never unexplained.
/// </summary>
internal static class Reasons
{
    public const string LiveNow = "Live now";

    public static IReadOnlyList<string> Explain(LiveRoomCandidate room, RoomSignals signals, RecommenderOptions options)
    {
        (double Points, string Text)[] candidates =
        [
            (options.FollowedHostWeight * signals.FollowedHost, "You follow the host"),
            (options.WatchedHostWeight * signals.WatchedHost, "You often watch this host"),
            (options.TagMatchWeight * signals.TagMatch, $"Because you like #{signals.TopTag}"),
            (options.CategoryMatchWeight * signals.CategoryMatch, $"Because you watch {room.Category}"),
            (options.CoEngagementWeight * signals.CoEngagement, $"Fans of {signals.FansOf} also watch this host"),
            (options.TrendingWeight * signals.Trending, Trending(room)),
            (options.FreshnessWeight * signals.Freshness, "New stream"),
        ];
        var reasons = candidates
            .Where(c => c.Points >= options.ReasonThreshold)
            .OrderByDescending(c => c.Points)
            .Take(options.MaxReasons)
            .Select(c => c.Text)
            .ToArray();
        return reasons.Length > 0 ? reasons : [LiveNow];
    }

    private static string Trending(LiveRoomCandidate room) =>
        room.Viewers is { } viewers ? string.Create(CultureInfo.InvariantCulture, $"Trending now · {viewers:N0} watching") : "Trending now";
}
