namespace LiveServerless.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One try: when, the receiver's status code (null when there was none: timeout, refused, unreachable), how long it took.</summary>
public sealed record DeliveryAttempt(DateTimeOffset At, int? StatusCode, long LatencyMs, string? Error);

/// <summary>
/// One event on its way to one subscription. <see cref="Id"/> is the <c>webhook-id</c> header: the event's id, the same on every
/// attempt (and for every subscription), so receivers dedupe by it. <see cref="Payload"/> is the exact body, fixed at creation.
/// </summary>
public sealed record WebhookDelivery(
    string Id,
    string TenantId,
    string SubscriptionId,
    string EventType,
    string Payload,
    DateTimeOffset CreatedAt,
    WebhookDeliveryStatus Status,
    IReadOnlyList<DeliveryAttempt> Attempts,
    DateTimeOffset? NextAttemptAt)
{
    /// <summary>The log keeps the most recent attempts; a delivery retried for a day makes about 30.</summary>
    public const int MaxAttemptsKept = 50;

    public static WebhookDelivery Create(string tenantId, string subscriptionId, WebhookEvent webhookEvent, DateTimeOffset now) => new(
        webhookEvent.Id, tenantId, subscriptionId, webhookEvent.Type, webhookEvent.Payload(), now, WebhookDeliveryStatus.Pending, [], now);

    /// <summary>Records an attempt and decides what comes next with <paramref name="policy"/>.</summary>
    public WebhookDelivery After(DeliveryAttempt attempt, TimeSpan? retryAfter, DeliveryPolicy policy, double jitter)
    {
        var attempts = Attempts.Append(attempt).TakeLast(MaxAttemptsKept).ToArray();
        var outcome = attempt.Error is not null && attempt.StatusCode is null && attempt.Error.StartsWith(RefusedPrefix, StringComparison.Ordinal)
            ? AttemptOutcome.Failed
            : DeliveryPolicy.Classify(attempt.StatusCode);
        return outcome switch
        {
            AttemptOutcome.Delivered => this with { Attempts = attempts, Status = WebhookDeliveryStatus.Delivered, NextAttemptAt = null },
            AttemptOutcome.Retry when policy.NextAttemptAt(attempts.Length, CreatedAt, attempt.At, retryAfter, jitter) is { } next =>
                this with { Attempts = attempts, Status = WebhookDeliveryStatus.Pending, NextAttemptAt = next },
            _ => this with { Attempts = attempts, Status = WebhookDeliveryStatus.Failed, NextAttemptAt = null },
        };
    }

    /// <summary>Gives up without an attempt (the subscription was disabled or deleted meanwhile).</summary>
    public WebhookDelivery Abandon(DateTimeOffset now, string reason) =>
        this with { Attempts = Attempts.Append(new DeliveryAttempt(now, null, 0, reason)).TakeLast(MaxAttemptsKept).ToArray(), Status = WebhookDeliveryStatus.Failed, NextAttemptAt = null };

    /// <summary>A partner's manual retry: pending again, due now, with a fresh day of retries.</summary>
    public WebhookDelivery Retry(DateTimeOffset now) => this with { Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now };

    /// <summary>Errors that start with this are refusals of the target itself (SSRF rules): retrying cannot help.</summary>
    public const string RefusedPrefix = "refused:";
}
