namespace LiveServerless.Domain.Recommendations;

/// <summary>
/// One candidate's signals, each in [0, 1], plus what the reasons need to name (the best-matching tag, the host that links the user).
/// </summary>
internal readonly record struct RoomSignals(
    double TagMatch,
    string? TopTag,
    double CategoryMatch,
    double CoEngagement,
    string? FansOf,
    double Trending,
    double FollowedHost,
    double WatchedHost,
    double Freshness)
{
    public static RoomSignals Of(LiveRoomCandidate room, UserSignals user, double maxLogHeat, DateTimeOffset now, RecommenderOptions options)
    {
        var (tagMatch, topTag) = TagCosine(room.Tags, user);
        var coEngaged = user.CoEngaged.GetValueOrDefault(room.HostUserId);
        var watched = user.WatchedSeconds.GetValueOrDefault(room.HostUserId);
        var halfSaturation = options.WatchedHostHalfSaturation.TotalSeconds;
        var age = now > room.StartedAt ? now - room.StartedAt : TimeSpan.Zero;
        return new RoomSignals(
            tagMatch,
            topTag,
            room.Category is { } category && user.FavouriteCategory > 0 ? user.Categories.GetValueOrDefault(category) / user.FavouriteCategory : 0,
            coEngaged.Score / (coEngaged.Score + options.CoEngagementHalfSaturation),
            coEngaged.Via,
            maxLogHeat > 0 ? Math.Log(1 + Math.Max(0, room.Heat)) / maxLogHeat : 0,
            user.FollowedHosts.ContainsKey(room.HostUserId) ? 1 : 0,
            watched / (watched + halfSaturation),
            Math.Exp(-(age / options.FreshnessTimeConstant)));
    }

    public double Relevance(RecommenderOptions options) =>
        (options.TagMatchWeight * TagMatch)
        + (options.CategoryMatchWeight * CategoryMatch)
        + (options.CoEngagementWeight * CoEngagement)
        + (options.TrendingWeight * Trending)
        + (options.FollowedHostWeight * FollowedHost)
        + (options.WatchedHostWeight * WatchedHost)
        + (options.FreshnessWeight * Freshness);

    /// <summary>Cosine between the user's tag interests and the room's tags (binary), and the room tag the user likes most.</summary>
    private static (double Cosine, string? TopTag) TagCosine(IReadOnlyList<string> roomTags, UserSignals user)
    {
        if (roomTags.Count == 0 || user.TagNorm <= 0)
        {
            return (0, null);
        }

        var dot = 0.0;
        var best = 0.0;
        string? topTag = null;
        foreach (var tag in roomTags)
        {
            var weight = user.Tags.GetValueOrDefault(tag);
            dot += weight;
            if (weight > best)
            {
                (best, topTag) = (weight, tag);
            }
        }

        return (Math.Min(1, dot / (user.TagNorm * Math.Sqrt(roomTags.Count))), topTag);
    }
}
