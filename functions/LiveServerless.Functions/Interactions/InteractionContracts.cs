using System.Text.Json.Serialization;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Interactions;

namespace LiveServerless.Functions.Interactions;

/// <summary>The interaction types a web client may post (chat goes through the chat route).</summary>
public enum InteractionKind
{
    Like,
    Gift,
    Follow,
    Share,
    Watch,
    [JsonStringEnumMemberName("ad_impression")]
    AdImpression,
    [JsonStringEnumMemberName("ad_click")]
    AdClick,
}

/// <summary>
/// One event: <c>{type, count?, giftId?, seconds?, idempotencyKey?, impressionToken?}</c>. <c>value</c> is read only to refuse it by
/// name: a gift's worth comes from the catalog, never from the client.
/// </summary>
public record InteractionRequest(
    InteractionKind? Type,
    int? Count,
    string? GiftId,
    decimal? Value,
    int? Seconds,
    string? IdempotencyKey,
    string? ImpressionToken)
{
    public InteractionDraft ToDraft() => new(
        Type switch
        {
            InteractionKind.Like => InteractionType.Like,
            InteractionKind.Gift => InteractionType.Gift,
            InteractionKind.Follow => InteractionType.Follow,
            InteractionKind.Share => InteractionType.Share,
            InteractionKind.Watch => InteractionType.Watch,
            InteractionKind.AdImpression => InteractionType.AdImpression,
            InteractionKind.AdClick => InteractionType.AdClick,
            _ => throw new InvalidOperationException("An event without a type cannot become a draft."),
        },
        Count,
        GiftId,
        Value,
        Seconds,
        IdempotencyKey,
        ImpressionToken);
}

/// <summary>The body of POST /rooms/{roomId}/interactions: one event, or <c>{events:[...]}</c> (at most 500).</summary>
public sealed record IngestRequest(
    InteractionKind? Type,
    int? Count,
    string? GiftId,
    decimal? Value,
    int? Seconds,
    string? IdempotencyKey,
    string? ImpressionToken,
    IReadOnlyList<InteractionRequest>? Events)
    : InteractionRequest(Type, Count, GiftId, Value, Seconds, IdempotencyKey, ImpressionToken)
{
    public bool IsBatch => Events is not null;

    /// <summary>The events to ingest; reports a missing type, or a mix of the two shapes, as field errors.</summary>
    public IReadOnlyList<InteractionDraft> ToDrafts()
    {
        var errors = new FieldErrors();
        if (IsBatch)
        {
            errors.When(Type is not null || Count is not null || GiftId is not null || Value is not null || Seconds is not null || IdempotencyKey is not null || ImpressionToken is not null,
                "events", "send either one event or {\"events\": [...]}, not both");
            for (var i = 0; i < Events!.Count; i++)
            {
                errors.When(Events[i] is null, $"events[{i}]", "must be an event object");
                errors.When(Events[i] is { Type: null }, $"events[{i}].type", "is required");
            }
        }
        else
        {
            errors.When(Type is null, "type", "is required");
        }

        errors.ThrowIfAny();
        return IsBatch ? [.. Events!.Select(e => e.ToDraft())] : [ToDraft()];
    }
}

/// <summary>
/// 202: how many events were durably accepted, and their server ids in request order. For a gift request also the sender's
/// <c>balance</c> after the debit and <c>delivery</c>: <c>published</c>, or <c>queued</c> when the stream could not take them yet (they
/// are paid for and the outbox delivers them; never send them again).
/// </summary>
public sealed record IngestResponse(int Accepted, IReadOnlyList<string> Ids)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Balance { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Delivery { get; init; }

    public static IngestResponse From(IngestResult result) => new(result.Accepted.Count, [.. result.Accepted.Select(i => i.Id)])
    {
        Balance = result.Gifts?.Balance,
        Delivery = result.Gifts is null ? null : result.Gifts.Delivered ? "published" : "queued",
    };
}
