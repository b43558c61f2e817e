namespace LiveServerless.Domain.Webhooks;

/// <summary>
/// Every event a partner can subscribe to. <see cref="OptIn"/> types are never implied: a subscription receives them only when it
/// names them (chat is the firehose of a busy room).
/// </summary>
public static class WebhookEventTypes
{
    public const string RoomStarted = "room.started";
    public const string RoomEnded = "room.ended";
    public const string ChatMessage = "chat.message";
    public const string ModerationAction = "moderation.action";
    public const string GiftSent = "gift.sent";
    public const string WalletCredited = "wallet.credited";
    public const string FollowCreated = "follow.created";
    public const string UserErased = "user.erased";
    public const string CampaignBudgetExhausted = "campaign.budget_exhausted";
    public const string CampaignEnded = "campaign.ended";
    public const string DeadLetterCreated = "deadletter.created";

    /// <summary>Sent only by <c>POST /api/webhooks/{id}/test</c>, to that subscription alone; it cannot be subscribed to.</summary>
    public const string Test = "webhook.test";

    /// <summary>What a subscription may name, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        RoomStarted, RoomEnded, ChatMessage, ModerationAction, GiftSent, WalletCredited, FollowCreated, UserErased,
        CampaignBudgetExhausted, CampaignEnded, DeadLetterCreated,
    ];

    public static IReadOnlySet<string> OptIn { get; } = new HashSet<string>(StringComparer.Ordinal) { ChatMessage };

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
