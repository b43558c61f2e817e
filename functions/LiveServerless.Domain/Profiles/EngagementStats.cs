using LiveServerless.Domain.Interactions;

namespace LiveServerless.Domain.Profiles;

/// <summary>Lifetime totals of what a user did (never decayed: these are facts for reports and segments, not a taste estimate).</summary>
public sealed record EngagementStats
{
    public static EngagementStats None { get; } = new();

    public long Interactions { get; init; }

    public long WatchSeconds { get; init; }

    public long Likes { get; init; }

    public long Chats { get; init; }

    public long Gifts { get; init; }

    public decimal GiftValue { get; init; }

    public long Follows { get; init; }

    public long Shares { get; init; }

    public long AdImpressions { get; init; }

    public long AdClicks { get; init; }

    public DateTimeOffset? FirstSeen { get; init; }

    public DateTimeOffset? LastSeen { get; init; }

    public EngagementStats Add(Interaction interaction)
    {
        var counted = interaction.Type switch
        {
            InteractionType.Watch => this with { WatchSeconds = WatchSeconds + Math.Max(0, interaction.WatchSeconds) },
            InteractionType.Like => this with { Likes = Likes + Math.Max(1, interaction.Count) },
            InteractionType.Chat => this with { Chats = Chats + 1 },
            InteractionType.Gift => this with { Gifts = Gifts + Math.Max(1, interaction.Count), GiftValue = GiftValue + Math.Max(0m, interaction.GiftValue) },
            InteractionType.Follow => this with { Follows = Follows + 1 },
            InteractionType.Share => this with { Shares = Shares + 1 },
            InteractionType.AdImpression => this with { AdImpressions = AdImpressions + 1 },
            InteractionType.AdClick => this with { AdClicks = AdClicks + 1 },
            _ => this,
        };
        var at = interaction.OccurredAt;
        return counted with
        {
            Interactions = Interactions + 1,
            FirstSeen = FirstSeen is { } first && first <= at ? first : at,
            LastSeen = LastSeen is { } last && last >= at ? last : at,
        };
    }
}
