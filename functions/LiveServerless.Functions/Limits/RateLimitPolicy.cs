using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;

namespace LiveServerless.Functions.Limits;

/// <summary>
/// A token bucket shared by every instance: <see cref="Capacity"/> tokens, refilled at <see cref="RefillPerSecond"/>.
/// <see cref="LeaseSize"/> lets an instance take that many tokens at once and spend them locally, so a hot, coarse limit (a tenant's
/// quota) costs one storage write per lease instead of one per request; the sum of all leases still never exceeds the bucket.
/// </summary>
public sealed record RateLimitPolicy(string Name, double Capacity, double RefillPerSecond, double LeaseSize = 0)
{
    /// <summary>How long it takes an empty bucket to fill: the "window" of the IETF RateLimit fields.</summary>
    public int WindowSeconds => Math.Max(1, (int)Math.Ceiling(Capacity / RefillPerSecond));

    public TokenBucket Full(DateTimeOffset now) => TokenBucket.Full(Capacity, RefillPerSecond, now);

    /// <summary>The limit's RateLimit fields for <paramref name="bucket"/> (this policy's bucket), plus tokens leased to this instance.</summary>
    public RateLimitState StateOf(TokenBucket bucket, DateTimeOffset now, double localTokens = 0) => new(
        Name, (long)Capacity, WindowSeconds, (long)Math.Floor(bucket.AvailableAt(now) + localTokens), Math.Max(0, (int)Math.Ceiling(bucket.UntilFullAt(now).TotalSeconds)));
}
