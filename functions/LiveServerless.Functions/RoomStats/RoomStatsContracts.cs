using System.Text.Json.Serialization;
using LiveServerless.Domain.RoomStats;

namespace LiveServerless.Functions.RoomStats;

public sealed record GifterResponse(string UserId, decimal Value);

/// <summary>
/// A room's statistics (GET /rooms/{roomId}/stats and the <c>roomStats</c> push). The push also carries <c>delta</c>: what the
/// batch that caused it added (e.g. likes +137).
/// </summary>
public sealed record RoomStatsResponse(
    string RoomId,
    long Likes,
    long GiftCount,
    decimal GiftValue,
    long Shares,
    long Follows,
    long Messages,
    long UniqueViewers,
    long WatchSeconds,
    double Heat,
    IReadOnlyList<GifterResponse> TopGifters,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RoomStatsDelta? Delta = null)
{
    public static RoomStatsResponse From(RoomStatistics stats, DateTimeOffset now) => new(
        stats.RoomId,
        stats.Likes,
        stats.GiftCount,
        stats.GiftValue,
        stats.Shares,
        stats.Follows,
        stats.Messages,
        stats.Viewers.Count,
        stats.WatchSeconds,
        Math.Round(stats.HeatAt(now), 3),
        [.. stats.TopGifters.Select(g => new GifterResponse(g.UserId, g.Value))]);
}

public sealed record RoomStatsDelta(long Likes, long GiftCount, decimal GiftValue, long Shares, long Follows, long Messages, long WatchSeconds)
{
    public static RoomStatsDelta Between(RoomStatistics before, RoomStatistics after) => new(
        after.Likes - before.Likes,
        after.GiftCount - before.GiftCount,
        after.GiftValue - before.GiftValue,
        after.Shares - before.Shares,
        after.Follows - before.Follows,
        after.Messages - before.Messages,
        after.WatchSeconds - before.WatchSeconds);
}
