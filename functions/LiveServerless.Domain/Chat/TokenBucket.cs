namespace LiveServerless.Domain.Chat;

/// <summary>
/// A token bucket as an immutable value: <see cref="Capacity"/> messages in a burst, refilled at <see cref="RefillPerSecond"/>.
/// Taking returns the new bucket and, when empty, how long until a token is available (the Retry-After). The app's only
/// token-bucket arithmetic: the shared limiter stores these and reports its RateLimit fields from them.
/// </summary>
public sealed record TokenBucket(double Capacity, double RefillPerSecond, double Tokens, DateTimeOffset UpdatedAt)
{
    public static TokenBucket Full(double capacity, double refillPerSecond, DateTimeOffset now) => new(capacity, refillPerSecond, capacity, now);

    /// <summary>The tokens the bucket holds at <paramref name="now"/>: what was left, plus the refill since, never above capacity.</summary>
    public double AvailableAt(DateTimeOffset now) => Math.Min(Capacity, Tokens + Math.Max(0, (now - UpdatedAt).TotalSeconds) * RefillPerSecond);

    /// <summary>How long until the bucket is full again (the "reset" of the IETF RateLimit fields).</summary>
    public TimeSpan UntilFullAt(DateTimeOffset now) => TimeSpan.FromSeconds((Capacity - AvailableAt(now)) / RefillPerSecond);

    public (TokenBucket Bucket, TimeSpan? RetryAfter) TryTake(DateTimeOffset now, double cost = 1)
    {
        var available = AvailableAt(now);
        if (available >= cost)
        {
            return (this with { Tokens = available - cost, UpdatedAt = now }, null);
        }

        var wait = TimeSpan.FromSeconds((Math.Min(cost, Capacity) - available) / RefillPerSecond);
        return (this with { Tokens = available, UpdatedAt = now }, wait);
    }

    /// <summary>A bucket that has refilled completely carries no information and can be forgotten.</summary>
    public bool IsFullAt(DateTimeOffset now) => AvailableAt(now) >= Capacity;
}
