namespace LiveServerless.Domain.Webhooks;

/// <summary>What one attempt's answer means for the delivery.</summary>
public enum AttemptOutcome
{
    /// <summary>2xx: delivered.</summary>
    Delivered,

    /// <summary>A timeout, a connection failure, 408, 429 or 5xx: try again later.</summary>
    Retry,

    /// <summary>Any other answer (a 4xx other than 408/429, a redirect, a refused target): retrying would not change it.</summary>
    Failed,
}

/// <summary>
/// When to try a delivery again: exponential backoff from <see cref="FirstDelay"/> (doubling, at most <see cref="MaxDelay"/>) with
/// jitter (each delay is 50–100 % of its step, so receivers recovering from an outage are not hit by every sender at once), never
/// sooner than the receiver's <c>Retry-After</c>, and not after <see cref="GiveUpAfter"/> from the delivery's creation. A
/// subscription whose deliveries have failed for <see cref="DisableAfter"/> without a single success in between is disabled.
/// </summary>
public sealed record DeliveryPolicy(TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan GiveUpAfter, TimeSpan DisableAfter)
{
    public static readonly DeliveryPolicy Default = new(TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromHours(24));

    public static AttemptOutcome Classify(int? statusCode) => statusCode switch
    {
        null => AttemptOutcome.Retry,
        >= 200 and < 300 => AttemptOutcome.Delivered,
        408 or 429 or >= 500 => AttemptOutcome.Retry,
        _ => AttemptOutcome.Failed,
    };

    /// <summary>
    /// When attempt number <paramref name="attemptsMade"/> + 1 should happen, or null when the delivery has been retried long enough.
    /// <paramref name="jitter"/> is a number in [0, 1) (random in production, fixed in tests).
    /// </summary>
    public DateTimeOffset? NextAttemptAt(int attemptsMade, DateTimeOffset createdAt, DateTimeOffset now, TimeSpan? retryAfter, double jitter)
    {
        var step = TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * Math.Pow(2, Math.Max(0, attemptsMade - 1))));
        var delay = step * (0.5 + Math.Clamp(jitter, 0, 1) / 2);
        if (retryAfter is { } after && after > delay)
        {
            delay = after;
        }

        var next = now + delay;
        return next - createdAt > GiveUpAfter ? null : next;
    }
}
