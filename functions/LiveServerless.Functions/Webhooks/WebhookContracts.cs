using LiveServerless.Domain.Common;
using LiveServerless.Domain.Webhooks;

namespace LiveServerless.Functions.Webhooks;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Description)
{
    public NewSubscription ToDraft() => new(Url, Events, Description);
}

/// <summary>JSON merge-patch of a subscription: <c>{url?, events?, description?, enabled?}</c>.</summary>
public sealed record UpdateWebhookRequest
{
    public Optional<string?> Url { get; init; }

    public Optional<IReadOnlyList<string>?> Events { get; init; }

    public Optional<string?> Description { get; init; }

    public Optional<bool?> Enabled { get; init; }

    public SubscriptionChanges ToChanges() => new(Url, Events, Description, Enabled);
}

public sealed record WebhookResponse(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? FailingSince,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WebhookResponse From(WebhookSubscription s) =>
        new(s.Id, s.Url, s.Events, s.Description, s.Enabled, s.DisabledReason, s.FailingSince, s.CreatedAt, s.UpdatedAt);
}

/// <summary>The only answer that carries the signing secret: the subscription's creation.</summary>
public sealed record CreatedWebhookResponse(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    bool Enabled,
    string Secret,
    DateTimeOffset CreatedAt)
{
    public static CreatedWebhookResponse From(WebhookSubscription s) => new(s.Id, s.Url, s.Events, s.Description, s.Enabled, s.Secret, s.CreatedAt);
}

public sealed record DeliveryAttemptResponse(DateTimeOffset At, int? StatusCode, long LatencyMs, string? Error)
{
    public static DeliveryAttemptResponse From(DeliveryAttempt a) => new(a.At, a.StatusCode, a.LatencyMs, a.Error);
}

public sealed record DeliveryResponse(
    string Id,
    string EventType,
    WebhookDeliveryStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    IReadOnlyList<DeliveryAttemptResponse> Attempts)
{
    public static DeliveryResponse From(WebhookDelivery d) =>
        new(d.Id, d.EventType, d.Status, d.CreatedAt, d.NextAttemptAt, [.. d.Attempts.Select(DeliveryAttemptResponse.From)]);
}
