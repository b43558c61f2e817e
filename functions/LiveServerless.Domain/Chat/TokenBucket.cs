namespace LiveServerless.Domain.Chat;

/// <summary>
/// A token bucket as an immutable value: <see cref="Capacity"/> messages in a burst, refilled at <see cref="RefillPerSecond"/>.
/// Taking returns the new bucket and, when empty, how long until a token is available (the Retry-After).
/// </summary>
public sealed record TokenBucket(double Capacity, double RefillPerSecond, double Tokens, DateTimeOffset UpdatedAt)
{
    public static TokenBucket Full(double capacity, double refillPerSecond, DateTimeOffset now) => new(capacity, refillPerSecond, capacity, now);

    public (TokenBucket Bucket, TimeSpan? RetryAfter) TryTake(DateTimeOffset now, double cost = 1)
    {
        var elapsed = Math.Max(0, (now - UpdatedAt).TotalSeconds);
        var available = Math.Min(Capacity, Tokens + elapsed * RefillPerSecond);
        if (available >= cost)
        {
            return (this with { Tokens = available - cost, UpdatedAt = now }, null);
        }

        var wait = TimeSpan.FromSeconds((Math.Min(cost, Capacity) - available) / RefillPerSecond);
        return (this with { Tokens = available, UpdatedAt = now }, wait);
    }

    /// <summary>A bucket that has refilled completely carries no information and can be forgotten.</summary>
    public bool IsFullAt(DateTimeOffset now) => Tokens + Math.Max(0, (now - UpdatedAt).TotalSeconds) * RefillPerSecond >= Capacity;
}
