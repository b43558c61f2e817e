using LiveServerless.Domain.Interactions;

namespace LiveServerless.Domain.RoomStats;

public sealed record Gifter(string UserId, decimal Value);

/// <summary>
/// A room's running totals, built from the interaction stream. Applying events is replay-safe: the watermarks skip every event
/// already counted, so a batch applied twice, or re-delivered after a crash, changes nothing.
/// </summary>
public sealed record RoomStatistics(
    string TenantId,
    string RoomId,
    long Likes,
    long GiftCount,
    decimal GiftValue,
    long Shares,
    long Follows,
    long Messages,
    long WatchSeconds,
    UniqueCounter Viewers,
    IReadOnlyDictionary<string, decimal> GiftValueByUser,
    DecayedRate Heat,
    StreamWatermarks Watermarks)
{
    /// <summary>Gift totals are kept per user for the leaderboard; beyond this many gifters only the largest are kept.</summary>
    public const int MaxTrackedGifters = 5000;

    public const int LeaderboardSize = 10;

    public static RoomStatistics Empty(string tenantId, string roomId) => new(
        tenantId, roomId, 0, 0, 0m, 0, 0, 0, 0, UniqueCounter.Empty, new Dictionary<string, decimal>(), DecayedRate.Zero, StreamWatermarks.None);

    public IReadOnlyList<Gifter> TopGifters =>
        [.. GiftValueByUser.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).Take(LeaderboardSize).Select(g => new Gifter(g.Key, g.Value))];

    public double HeatAt(DateTimeOffset now) => Heat.ValueAt(now);

    /// <summary>
    /// The statistics without <paramref name="userId"/> (erasure): their gifts stay in the totals and on the leaderboard under
    /// <paramref name="erasedId"/>, and they stay counted as a viewer under an anonymous placeholder. Unchanged (the same instance)
    /// when the user is not named here.
    /// </summary>
    public RoomStatistics Forget(string userId, string erasedId)
    {
        var viewers = Viewers.Forget(userId, $"{erasedId}-{Guid.NewGuid():N}");
        if (!GiftValueByUser.TryGetValue(userId, out var gifted) && ReferenceEquals(viewers, Viewers))
        {
            return this;
        }

        var gifters = GiftValueByUser.Where(g => g.Key != userId).ToDictionary(g => g.Key, g => g.Value, StringComparer.Ordinal);
        if (gifted > 0)
        {
            gifters[erasedId] = gifters.GetValueOrDefault(erasedId) + gifted;
        }

        return this with { Viewers = viewers, GiftValueByUser = gifters };
    }

    /// <summary>Applies the events of this room that these statistics have not counted yet.</summary>
    public RoomStatistics Apply(IEnumerable<StreamedInteraction> events)
    {
        var fresh = Watermarks.Unapplied(events).ToArray();
        if (fresh.Length == 0)
        {
            return this;
        }

        var gifts = new Dictionary<string, decimal>(GiftValueByUser);
        var stats = this;
        foreach (var streamed in fresh)
        {
            stats = stats.Count(streamed.Interaction, gifts);
        }

        return stats with { GiftValueByUser = Bounded(gifts), Watermarks = Watermarks.AdvanceAll(fresh) };
    }

    private RoomStatistics Count(Interaction e, Dictionary<string, decimal> gifts)
    {
        if (e.Type == InteractionType.Gift)
        {
            gifts[e.UserId] = gifts.GetValueOrDefault(e.UserId) + e.GiftValue;
        }

        return this with
        {
            Likes = Likes + (e.Type == InteractionType.Like ? e.Count : 0),
            GiftCount = GiftCount + (e.Type == InteractionType.Gift ? e.Count : 0),
            GiftValue = GiftValue + e.GiftValue,
            Shares = Shares + (e.Type == InteractionType.Share ? 1 : 0),
            Follows = Follows + (e.Type == InteractionType.Follow ? 1 : 0),
            Messages = Messages + (e.Type == InteractionType.Chat ? 1 : 0),
            WatchSeconds = WatchSeconds + (e.Type == InteractionType.Watch ? e.WatchSeconds : 0),
            Viewers = e.Type is InteractionType.AdImpression or InteractionType.AdClick ? Viewers : Viewers.Add(e.UserId),
            Heat = Heat.Add(HeatWeight(e), e.OccurredAt),
        };
    }

    /// <summary>How much an interaction warms a room up: engagement that costs the viewer more counts more.</summary>
    public static double HeatWeight(Interaction e) => e.Type switch
    {
        InteractionType.Like => Math.Min(e.Count, 50),
        InteractionType.Chat => 2,
        InteractionType.Share => 5,
        InteractionType.Follow => 10,
        InteractionType.Gift => 5 + (double)Math.Min(e.GiftValue, 1000m),
        InteractionType.Watch => e.WatchSeconds / 60.0,
        _ => 0,
    };

    private static Dictionary<string, decimal> Bounded(Dictionary<string, decimal> gifts) =>
        gifts.Count <= MaxTrackedGifters
            ? gifts
            : gifts.OrderByDescending(g => g.Value).Take(MaxTrackedGifters).ToDictionary(g => g.Key, g => g.Value);
}
