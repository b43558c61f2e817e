using LiveServerless.Domain.Profiles;

namespace LiveServerless.Domain.Recommendations;

/// <summary>
/// Ranks the rooms live now for one user: a weighted blend of content match (tags, category), co-engagement, trending heat, repeat
/// consumption (followed and often-watched hosts) and freshness, re-ranked for diversity with MMR, each item with its reasons.
/// Without a profile (or with an empty one) only the room-side signals remain, so a newcomer gets what is trending.
/// Pure and deterministic: same inputs, same list. Cost: a few dictionary lookups per candidate plus MMR over a bounded shortlist.
/// </summary>
public static class Recommender
{
    /// <summary>The host documents <see cref="Recommend"/> reads co-engagement from: load these (point reads) before calling it.</summary>
    public static IReadOnlyList<string> HostsToLookUp(UserProfile? profile, DateTimeOffset now, RecommenderOptions options) =>
        profile is null ? [] : profile.TopHosts(now, options.EngagedHostsConsidered).Select(h => h.HostUserId).ToArray();

    /// <param name="profile">The user's profile; null for a user never seen.</param>
    /// <param name="liveRooms">The rooms live now. Only these are ever returned; a repeated room id counts once (first occurrence).</param>
    /// <param name="coEngagement">Host documents by host id, for (some of) <see cref="HostsToLookUp"/>; missing ones just add nothing.</param>
    /// <param name="now">The time the list is for.</param>
    /// <param name="options">Weights and shapes; <see cref="RecommenderOptions.Default"/> in production.</param>
    public static IReadOnlyList<Recommendation> Recommend(
        UserProfile? profile,
        IReadOnlyList<LiveRoomCandidate> liveRooms,
        IReadOnlyDictionary<string, HostNeighbours> coEngagement,
        DateTimeOffset now,
        RecommenderOptions options)
    {
        var user = UserSignals.From(profile, coEngagement, now, options);
        var rooms = DistinctById(liveRooms);
        var maxLogHeat = rooms.Count > 0 ? rooms.Max(r => Math.Log(1 + Math.Max(0, r.Heat))) : 0;
        var byRelevance = rooms
            .Select(room => ScoredRoom.Of(room, RoomSignals.Of(room, user, maxLogHeat, now, options), options))
            .OrderByDescending(s => s.Relevance).ThenBy(s => s.Room.RoomId, StringComparer.Ordinal)
            .ToList();
        return DiversityReranker.Rerank(byRelevance, options)
            .Select(r => new Recommendation(
                r.Scored.Room.RoomId, r.Scored.Room.Title, r.Scored.Room.HostUserId, r.Scored.Room.Tags, r.Score, Reasons.Explain(r.Scored.Room, r.Scored.Signals, options)))
            .ToArray();
    }

    private static List<LiveRoomCandidate> DistinctById(IReadOnlyList<LiveRoomCandidate> liveRooms)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return liveRooms.Where(room => seen.Add(room.RoomId)).ToList();
    }
}

/// <summary>A candidate with its signals and blended relevance.</summary>
internal sealed record ScoredRoom(LiveRoomCandidate Room, RoomSignals Signals, double Relevance)
{
    public static ScoredRoom Of(LiveRoomCandidate room, RoomSignals signals, RecommenderOptions options) => new(room, signals, signals.Relevance(options));
}
