using System.Collections.Concurrent;
using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;

namespace LiveServerless.Functions.Chat;

/// <summary>
/// Per-user chat rate limit: a burst of <see cref="Burst"/> messages, then <see cref="SustainedPerSecond"/> per second.
/// Kept in memory per instance: it protects the instance and the room from floods; slow mode, which users can see, is the
/// exact (stored) rule. Idle full buckets are forgotten so memory stays bounded by active senders.
/// </summary>
public sealed class ChatRateLimiter(TimeProvider time)
{
    public const double Burst = 5;

    public const double SustainedPerSecond = 1;

    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    public void Take(string tenantId, string userId)
    {
        var key = $"{tenantId}:{userId}";
        var now = time.GetUtcNow();
        TimeSpan? retryAfter = null;
        _buckets.AddOrUpdate(
            key,
            _ => Taken(TokenBucket.Full(Burst, SustainedPerSecond, now), now, out retryAfter),
            (_, bucket) => Taken(bucket, now, out retryAfter));
        if (retryAfter is { } wait)
        {
            throw new RateLimitedException("You are sending messages too fast.", wait);
        }

        if (_buckets.Count > 10_000)
        {
            Forget(now);
        }
    }

    private static TokenBucket Taken(TokenBucket bucket, DateTimeOffset now, out TimeSpan? retryAfter)
    {
        var (next, wait) = bucket.TryTake(now);
        retryAfter = wait;
        return next;
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsFullAt(now))
            {
                _buckets.TryRemove(new KeyValuePair<string, TokenBucket>(key, bucket));
            }
        }
    }
}
