using System.Security.Cryptography;
using System.Text;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Economy;
using LiveServerless.Domain.Rooms;

namespace LiveServerless.Domain.Interactions;

/// <summary>One interaction as a web client posts it, before the server stamps it.</summary>
public sealed record InteractionDraft(
    InteractionType Type,
    int? Count,
    string? GiftId,
    decimal? Value,
    int? Seconds,
    string? IdempotencyKey,
    string? ImpressionToken);

/// <summary>
/// Who posted interactions, where, and when the server received them; for gifts, the tenant's sendable gifts (by id) and the host's
/// revenue share, both as they are at the moment of acceptance.
/// </summary>
public sealed record IngestContext(string TenantId, string UserId, Room Room, DateTimeOffset ReceivedAt)
{
    public IReadOnlyDictionary<string, Gift> Catalog { get; init; } = new Dictionary<string, Gift>();

    public decimal HostShare { get; init; } = Earnings.DefaultHostShare;
}

/// <summary>What clients may post, and how an accepted draft becomes a stream event.</summary>
public static class InteractionRules
{
    public const int MaxBatch = 500;

    public const int MaxLikesPerEvent = 1000;

    public const int MaxGiftsPerEvent = 1000;

    /// <summary>A request with gifts is a payment: it carries gifts only, at most this many events (one wallet transaction).</summary>
    public const int MaxGiftEventsPerRequest = 40;

    /// <summary>Watch time is worth something (profiles, trending, ad targeting), so only the server states it (docs/architecture.md, *Watch time is measured, not claimed*).</summary>
    public const string WatchIsMeasured =
        "watch time is measured by the server from join, heartbeat and leave (POST /rooms/{roomId}/join, /heartbeat, /leave); clients cannot post it";

    /// <summary>Checks every draft and reports each broken rule under <c>events[i].field</c>.</summary>
    public static void Validate(IReadOnlyList<InteractionDraft> drafts, IngestContext context)
    {
        var gifts = drafts.Count(d => d.Type == InteractionType.Gift);
        var errors = new FieldErrors()
            .When(drafts.Count == 0, "events", "at least one event is required")
            .When(drafts.Count > MaxBatch, "events", $"at most {MaxBatch} events per request")
            .When(gifts > 0 && gifts < drafts.Count, "events", "send gifts in a request of their own (a gift request is a payment: all of it is debited and delivered, or none)")
            .When(gifts > MaxGiftEventsPerRequest, "events", $"at most {MaxGiftEventsPerRequest} gift events per request");
        for (var i = 0; i < drafts.Count && drafts.Count <= MaxBatch; i++)
        {
            ValidateOne(errors, $"events[{i}].", drafts[i], context);
        }

        errors.ThrowIfAny();
    }

    /// <summary>The stream event for an accepted draft. A client idempotency key yields the same event id on every retry.</summary>
    /// <remarks>
    /// A gift is priced from the catalog and carries the host's share, both fixed here; it is always deduplicated by id downstream,
    /// because the gift outbox may publish it a second time after a crash.
    /// </remarks>
    public static Interaction Accept(InteractionDraft draft, IngestContext context) =>
        Interaction.InRoom(
            ClientKey(draft, context) is { } key ? IdFromClientKey(context, key) : Ids.New(), context.TenantId, context.UserId, context.Room, draft.Type, context.ReceivedAt) with
        {
            HasClientKey = ClientKey(draft, context) is not null || draft.Type == InteractionType.Gift,
            Count = draft.Type is InteractionType.Like or InteractionType.Gift ? draft.Count ?? 1 : 1,
            UnitValue = draft.Type == InteractionType.Gift ? context.Catalog[draft.GiftId!].Price : 0m,
            HostShare = draft.Type == InteractionType.Gift ? context.HostShare : 0m,
            GiftId = draft.GiftId,
        };

    private static void ValidateOne(FieldErrors errors, string at, InteractionDraft draft, IngestContext context)
    {
        var type = draft.Type;
        errors
            .When(type == InteractionType.Chat, at + "type", "chat messages are posted to /rooms/{roomId}/messages")
            .When(type is not (InteractionType.Like or InteractionType.Gift) && draft.Count is not null, at + "count", "is only for like and gift")
            .When(draft.Count is < 1, at + "count", "must be at least 1")
            .When(type == InteractionType.Like && draft.Count > MaxLikesPerEvent, at + "count", $"at most {MaxLikesPerEvent} likes per event")
            .When(type == InteractionType.Gift && draft.Count > MaxGiftsPerEvent, at + "count", $"at most {MaxGiftsPerEvent} gifts per event")
            .When(type == InteractionType.Gift && !Ids.IsValid(draft.GiftId), at + "giftId", "is required for gift and " + Ids.Rule)
            .When(type == InteractionType.Gift && Ids.IsValid(draft.GiftId) && !context.Catalog.ContainsKey(draft.GiftId!), at + "giftId",
                $"'{draft.GiftId}' is not an active gift of this app's catalog (GET /api/gifts lists them)")
            .When(type == InteractionType.Gift && context.Room.HostUserId == context.UserId, at + "type", "you cannot send gifts in your own room")
            .When(type != InteractionType.Gift && draft.GiftId is not null, at + "giftId", "is only for gift")
            .When(draft.Value is not null, at + "value", "is not accepted: the server prices a gift from the tenant's catalog (send giftId and count)")
            .When(type == InteractionType.Watch, at + "type", WatchIsMeasured)
            .When(type != InteractionType.Watch && draft.Seconds is not null, at + "seconds", WatchIsMeasured)
            .When(type == InteractionType.Follow && context.Room.HostUserId == context.UserId, at + "type", "you cannot follow yourself")
            .When(draft.IdempotencyKey is not null && !Ids.IsValid(draft.IdempotencyKey), at + "idempotencyKey", Ids.Rule)
            .When(type is not (InteractionType.AdImpression or InteractionType.AdClick) && draft.ImpressionToken is not null, at + "impressionToken", "is only for ad_impression and ad_click")
            .When(type is InteractionType.AdImpression or InteractionType.AdClick && string.IsNullOrEmpty(draft.ImpressionToken), at + "impressionToken", "is required for ad events");
    }

    /// <summary>
    /// The key that makes an event's id deterministic: the client's idempotency key, or for a follow the followed host
    /// (following someone twice is one follow).
    /// </summary>
    private static string? ClientKey(InteractionDraft draft, IngestContext context) =>
        draft.IdempotencyKey ?? (draft.Type == InteractionType.Follow ? $"follow:{context.Room.HostUserId}" : null);

    private static string IdFromClientKey(IngestContext context, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{context.TenantId}\n{context.UserId}\n{key}")))[..32];
}
