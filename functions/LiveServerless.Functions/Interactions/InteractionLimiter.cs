using System.Collections.Concurrent;
using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;

namespace LiveServerless.Functions.Interactions;

/// <summary>
/// Bounds what one user can inject (OWASP API6, unrestricted access to sensitive business flows): likes and gift value per
/// user, as token buckets that refill over time. Per instance, in memory — a bound on floods, not an accounting rule.
/// </summary>
public sealed class InteractionLimiter(TimeProvider time)
{
    /// <summary>3,000 likes a minute (50 a second sustained).</summary>
    public static readonly (double Capacity, double PerSecond) Likes = (3000, 50);

    /// <summary>A gift value of 50,000 an hour.</summary>
    public static readonly (double Capacity, double PerSecond) GiftValue = (50_000, 50_000 / 3600.0);

    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    public void Take(string tenantId, string userId, long likes, decimal giftValue)
    {
        Take($"likes:{tenantId}:{userId}", Likes, likes, "likes");
        Take($"gifts:{tenantId}:{userId}", GiftValue, (double)giftValue, "gift value");
    }

    private void Take(string key, (double Capacity, double PerSecond) limit, double cost, string what)
    {
        if (cost <= 0)
        {
            return;
        }

        if (cost > limit.Capacity)
        {
            throw ValidationException.ForField("events", $"the {what} in one request may not exceed {limit.Capacity:0}");
        }

        var now = time.GetUtcNow();
        TimeSpan? retryAfter = null;
        _buckets.AddOrUpdate(
            key,
            _ => Taken(TokenBucket.Full(limit.Capacity, limit.PerSecond, now), now, cost, out retryAfter),
            (_, bucket) => Taken(bucket, now, cost, out retryAfter));
        if (retryAfter is { } wait)
        {
            throw new RateLimitedException($"Too much {what} from one user; slow down.", wait);
        }
    }

    private static TokenBucket Taken(TokenBucket bucket, DateTimeOffset now, double cost, out TimeSpan? retryAfter)
    {
        var (next, wait) = bucket.TryTake(now, cost);
        retryAfter = wait;
        return next;
    }
}
