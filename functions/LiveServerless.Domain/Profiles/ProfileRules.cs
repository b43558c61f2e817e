using LiveServerless.Domain.Interactions;

namespace LiveServerless.Domain.Profiles;

/// <summary>
/// The profile's tuning in one place: how much each kind of interaction says about a user's interests, how fast that fades,
/// and how large a profile may grow. Units: one "interest point" ≈ what a focused 10-minute watch is worth.
/// </summary>
public static class ProfileRules
{
    /// <summary>Interests halve every 7 days: last week's evening counts half as much as tonight's, a taste dropped a month ago ~6 %.</summary>
    public static readonly TimeSpan InterestHalfLife = TimeSpan.FromDays(7);

    /// <summary>Watched-host seconds halve every 7 days, so "often watched" means "often watched lately".</summary>
    public static readonly TimeSpan HostHalfLife = TimeSpan.FromDays(7);

    /// <summary>A declared tag starts at about one short watch: enough to rank a cold user's rooms, quickly outweighed by behaviour.</summary>
    public const double DeclaredTagPrior = 1.0;

    /// <summary>A followed host counts as this many hours of recent watching when the user's engaged hosts are ranked.</summary>
    public const double FollowedHostAffinityHours = 1.0;

    // Size bounds keep one profile document small (a few KB) whatever the user does; the weakest entry is dropped first.
    public const int MaxTags = 64;
    public const int MaxCategories = 32;
    public const int MaxWatchedHosts = 100;
    public const int MaxFollowedHosts = 500;
    public const int MaxAdCategories = 32;

    // The weight table (interest points per interaction).
    /// <summary>Watching: WatchWeight · ln(1 + s / WatchSaturationSeconds) over the seconds s of one viewing — 5 min ≈ 0.7, 30 min ≈ 1.9, 2 h ≈ 3.2.</summary>
    public const double WatchWeight = 1.0;
    public const double WatchSaturationSeconds = 300;

    /// <summary>Likes come in bursts: LikeWeight · log2(1 + count), so a burst of 100 is worth ~7 likes, not 100.</summary>
    public const double LikeWeight = 0.3;
    public const double ChatWeight = 0.5;

    /// <summary>Gifts cost money, the strongest implicit signal: GiftWeight · log2(1 + value) — value 1 ≈ 1, value 100 ≈ 6.7.</summary>
    public const double GiftWeight = 1.0;
    public const double FollowWeight = 3.0;
    public const double ShareWeight = 2.0;

    /// <summary>The event carries the room's context, not the campaign's, so an ad click is only a weak engagement with the room.</summary>
    public const double AdClickWeight = 0.5;

    /// <summary>
    /// Interest points of one interaction. Watching has diminishing returns within one viewing of one room: the weight is the growth of
    /// the watch curve from <paramref name="secondsAlreadyWatched"/> to the new total, so it does not depend on the heartbeat interval.
    /// </summary>
    public static double InterestWeight(Interaction interaction, double secondsAlreadyWatched) => interaction.Type switch
    {
        InteractionType.Watch => WatchWeight * (WatchCurve(secondsAlreadyWatched + Math.Max(0, interaction.WatchSeconds)) - WatchCurve(secondsAlreadyWatched)),
        InteractionType.Like => LikeWeight * Math.Log2(1 + Math.Max(1, interaction.Count)),
        InteractionType.Chat => ChatWeight,
        InteractionType.Gift => GiftWeight * Math.Log2(1 + (double)Math.Max(0m, interaction.GiftValue)),
        InteractionType.Follow => FollowWeight,
        InteractionType.Share => ShareWeight,
        InteractionType.AdClick => AdClickWeight,
        _ => 0,
    };

    private static double WatchCurve(double seconds) => Math.Log(1 + (seconds / WatchSaturationSeconds));
}
