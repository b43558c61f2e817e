using LiveServerless.Domain.Rooms;

namespace LiveServerless.Domain.Interactions;

/// <summary>
/// One accepted interaction as it travels on the stream (partition key = user id). The ingest endpoint stamps the id and time
/// and copies the room's context (host, category, tags), so processors never need a lookup to interpret an event.
/// </summary>
public sealed record Interaction
{
    /// <summary>Server-assigned id; a client idempotency key maps to the same id, so a retried post yields the same event id.</summary>
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string UserId { get; init; }

    public required string RoomId { get; init; }

    public required InteractionType Type { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public string? HostUserId { get; init; }

    public string? RoomCategory { get; init; }

    public IReadOnlyList<string> RoomTags { get; init; } = [];

    /// <summary>Likes in a burst, or gifts of one kind (at least 1).</summary>
    public int Count { get; init; } = 1;

    /// <summary>Price of one gift in coins, from the tenant's catalog when the gift was accepted (gifts only).</summary>
    public decimal UnitValue { get; init; }

    /// <summary>The host's revenue share of this gift, fixed when it was accepted (gifts only).</summary>
    public decimal HostShare { get; init; }

    public string? GiftId { get; init; }

    /// <summary>Seconds watched since the previous heartbeat (watch only).</summary>
    public int WatchSeconds { get; init; }

    /// <summary>Ad events: the campaign and the impression the signed impression token names.</summary>
    public string? CampaignId { get; init; }

    public string? ImpressionId { get; init; }

    /// <summary>
    /// True when the id was derived from a client idempotency key (or is otherwise deterministic, like a follow): such events
    /// may be posted twice and are deduplicated by id in the stream processor.
    /// </summary>
    public bool HasClientKey { get; init; }

    /// <summary>Chat events: the stored message's id.</summary>
    public string? MessageId { get; init; }

    /// <summary>
    /// An event of <paramref name="userId"/> in <paramref name="room"/>, carrying the room's context (host, category, tags) so processors
    /// never need a lookup; callers add what their type needs with <c>with</c>.
    /// </summary>
    public static Interaction InRoom(string id, string tenantId, string userId, Room room, InteractionType type, DateTimeOffset occurredAt) => new()
    {
        Id = id,
        TenantId = tenantId,
        UserId = userId,
        RoomId = room.Id,
        Type = type,
        OccurredAt = occurredAt,
        HostUserId = room.HostUserId,
        RoomCategory = room.Category,
        RoomTags = room.Tags,
    };

    /// <summary>Total value of a gift event (count × unit value).</summary>
    public decimal GiftValue => Type == InteractionType.Gift ? Count * UnitValue : 0m;
}

/// <summary>An interaction together with where it sits in the stream, which is what exactly-once bookkeeping needs.</summary>
public sealed record StreamedInteraction(Interaction Interaction, string PartitionId, long SequenceNumber);
