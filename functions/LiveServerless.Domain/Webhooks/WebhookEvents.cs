using System.Globalization;
using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Rooms;

namespace LiveServerless.Domain.Webhooks;

/// <summary>
/// The events of writes made by requests and timers, each with an id derived from the object and the moment of its change: the
/// request, its retry and the relay all name the same happening, and the receiver sees it once after dedupe.
/// </summary>
public static class WebhookEvents
{
    public static WebhookEvent RoomStarted(Room room) => WebhookEvent.Of(
        WebhookEvent.DeriveId(room.TenantId, WebhookEventTypes.RoomStarted, room.Id, Stamp(room.StartedAt)), room.TenantId, WebhookEventTypes.RoomStarted,
        room.StartedAt ?? room.UpdatedAt, RoomData(room));

    public static WebhookEvent RoomEnded(Room room) => WebhookEvent.Of(
        WebhookEvent.DeriveId(room.TenantId, WebhookEventTypes.RoomEnded, room.Id, Stamp(room.EndedAt)), room.TenantId, WebhookEventTypes.RoomEnded,
        room.EndedAt ?? room.UpdatedAt, RoomData(room));

    /// <summary>A credit is once per reference, so the reference identifies it.</summary>
    public static WebhookEvent WalletCredited(string tenantId, string userId, long amount, string reference, DateTimeOffset at) => WebhookEvent.Of(
        WebhookEvent.DeriveId(tenantId, WebhookEventTypes.WalletCredited, userId, reference), tenantId, WebhookEventTypes.WalletCredited, at,
        new { userId, amount, reference });

    /// <summary>A campaign ends once; <paramref name="budgetExhausted"/> says whether its budget ran out (otherwise its flight is over).</summary>
    public static WebhookEvent CampaignEnded(Campaign campaign, bool budgetExhausted, decimal spend, DateTimeOffset at) => WebhookEvent.Of(
        WebhookEvent.DeriveId(campaign.TenantId, WebhookEventTypes.CampaignEnded, campaign.Id), campaign.TenantId, WebhookEventTypes.CampaignEnded, at,
        new { campaignId = campaign.Id, name = campaign.Name, reason = budgetExhausted ? "budgetExhausted" : "flightEnded", spend, totalBudget = campaign.TotalBudget });

    public static WebhookEvent CampaignBudgetExhausted(Campaign campaign, decimal spend, DateTimeOffset at) => WebhookEvent.Of(
        WebhookEvent.DeriveId(campaign.TenantId, WebhookEventTypes.CampaignBudgetExhausted, campaign.Id), campaign.TenantId, WebhookEventTypes.CampaignBudgetExhausted, at,
        new { campaignId = campaign.Id, name = campaign.Name, spend, totalBudget = campaign.TotalBudget });

    /// <summary>One erasure of a user id (the request time tells a later erasure of a re-created user apart).</summary>
    public static WebhookEvent UserErased(string tenantId, string userId, DateTimeOffset requestedAt, DateTimeOffset at) => WebhookEvent.Of(
        WebhookEvent.DeriveId(tenantId, WebhookEventTypes.UserErased, userId, Stamp(requestedAt)), tenantId, WebhookEventTypes.UserErased, at,
        new { userId, requestedAt });

    /// <summary>A stream position is dead-lettered once (a replay overwrites the same letter).</summary>
    public static WebhookEvent DeadLetterCreated(string tenantId, string scope, string partitionId, long sequenceNumber, string? eventId, string? eventType, string reason, DateTimeOffset at) =>
        WebhookEvent.Of(
            WebhookEvent.DeriveId(tenantId, WebhookEventTypes.DeadLetterCreated, scope, partitionId, sequenceNumber.ToString(CultureInfo.InvariantCulture)), tenantId,
            WebhookEventTypes.DeadLetterCreated, at, new { partitionId, sequenceNumber, eventId, eventType, reason });

    private static object RoomData(Room room) => new
    {
        roomId = room.Id,
        hostUserId = room.HostUserId,
        title = room.Title,
        category = room.Category,
        status = room.Status.ToString().ToLowerInvariant(),
        startedAt = room.StartedAt,
        endedAt = room.EndedAt,
    };

    private static string Stamp(DateTimeOffset? at) => at?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "";
}
