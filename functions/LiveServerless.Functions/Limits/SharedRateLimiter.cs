using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Limits;

/// <summary>
/// Limits that hold across every instance of the app: each (policy, subject) is one token bucket stored in Azure Tables and taken
/// from with an ETag-guarded write, so two instances can never both spend the last token. Policies with a lease size take tokens in
/// leases and spend them locally for up to <see cref="LeaseLifetime"/>.
/// </summary>
public sealed class SharedRateLimiter(TableProvider tables, TimeProvider time)
{
    /// <summary>A leased token unspent after this long is dropped, so an idle instance does not sit on another's quota.</summary>
    public static readonly TimeSpan LeaseLifetime = TimeSpan.FromSeconds(1);

    /// <summary>A bucket this instance has not taken from for this long is forgotten here (the stored one is read when it is next used).</summary>
    public static readonly TimeSpan ForgetWrittenAfter = TimeSpan.FromMinutes(1);

    private const int MaxAttempts = 8;

    private readonly DocumentTable<TokenBucket> _buckets = new(tables, TableNames.RateLimits, "Rate limit");

    /// <summary>Tokens leased to this instance; an unused lease is swept once it is past its lifetime.</summary>
    private readonly IdleEvictingMap<(string Policy, string Subject), Lease> _leases = new(LeaseLifetime, time);

    /// <summary>
    /// The bucket as this instance last wrote it, with its ETag: the next take writes over it without reading first. If another
    /// instance wrote in between, the ETag no longer matches, the write fails, and the bucket is read as usual — never wrong, only
    /// a read cheaper while one instance serves a subject.
    /// </summary>
    private readonly IdleEvictingMap<(string Policy, string Subject), Versioned<TokenBucket>> _lastWritten = new(ForgetWrittenAfter, time);

    /// <summary>
    /// Requests of one instance for the same bucket queue here instead of racing each other at storage (where all but one would lose
    /// and retry); striped, so memory stays fixed whatever the number of subjects, and wide enough that a room's group of chat posts
    /// (dozens of senders charged at once) rarely puts two senders behind one stripe.
    /// </summary>
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// Takes <paramref name="cost"/> tokens from <paramref name="subject"/>'s bucket and returns the limit's state after it;
    /// throws <see cref="RateLimitedException"/> (with the state, and when to retry) when the bucket cannot pay.
    /// </summary>
    public async Task<RateLimitState> TakeAsync(RateLimitPolicy policy, string subject, double cost, string refusal, CancellationToken cancellationToken)
    {
        if (cost > policy.Capacity)
        {
            throw ValidationException.ForField("events", $"{refusal} At most {policy.Capacity:0} per {policy.WindowSeconds} s.");
        }

        var stripe = _stripes[(int)((uint)HashCode.Combine(policy.Name, subject) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            return await TakeSharedAsync(policy, subject, cost, refusal, cancellationToken);
        }
        finally
        {
            stripe.Release();
        }
    }

    private async Task<RateLimitState> TakeSharedAsync(RateLimitPolicy policy, string subject, double cost, string refusal, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (TakeLeased(policy, subject, cost, now) is { } leased)
        {
            return leased;
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = attempt == 1 && _lastWritten.TryGet((policy.Name, subject), out var known)
                ? known
                : await _buckets.GetAsync(policy.Name, subject, cancellationToken);
            var bucket = (stored?.Value ?? policy.Full(now)) with { Capacity = policy.Capacity, RefillPerSecond = policy.RefillPerSecond };
            var (taken, lease, retryAfter) = Take(bucket, policy, cost, now);
            if (retryAfter is { } wait)
            {
                throw new RateLimitedException(refusal, wait) { State = policy.StateOf(bucket, now) };
            }

            if (await _buckets.TryWriteAsync(policy.Name, subject, taken, stored?.ETag, columns: null, cancellationToken) is { } etag)
            {
                _lastWritten.Set((policy.Name, subject), new Versioned<TokenBucket>(taken, etag));
                var local = KeepLease(policy, subject, lease, now);
                return policy.StateOf(taken, now, local);
            }

            _lastWritten.Remove((policy.Name, subject));
            if (attempt == 1 && stored is not null)
            {
                continue; // what this instance last wrote was stale: read what is stored and decide on that
            }

            // Another instance took tokens in between: read again and decide on the new state.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), time, cancellationToken);
            now = time.GetUtcNow();
        }

        throw new RateLimitedException(refusal, TimeSpan.FromSeconds(1)) { State = new RateLimitState(policy.Name, (long)policy.Capacity, policy.WindowSeconds, 0, 1) };
    }

    /// <summary>Takes the cost plus, for leasing policies, as much of a lease as the bucket has; a lease never makes the cost fail.</summary>
    private static (TokenBucket Taken, double Lease, TimeSpan? RetryAfter) Take(TokenBucket bucket, RateLimitPolicy policy, double cost, DateTimeOffset now)
    {
        if (policy.LeaseSize > 0 && bucket.TryTake(now, cost + policy.LeaseSize) is (var withLease, null))
        {
            return (withLease, policy.LeaseSize, null);
        }

        var (taken, retryAfter) = bucket.TryTake(now, cost);
        return (taken, 0, retryAfter);
    }

    private RateLimitState? TakeLeased(RateLimitPolicy policy, string subject, double cost, DateTimeOffset now)
    {
        if (policy.LeaseSize <= 0 || !_leases.TryGet((policy.Name, subject), out var lease))
        {
            return null;
        }

        lock (lease)
        {
            if (lease.ExpiresAt <= now || lease.Tokens < cost)
            {
                return null;
            }

            lease.Tokens -= cost;
            return new RateLimitState(policy.Name, (long)policy.Capacity, policy.WindowSeconds, (long)Math.Floor(lease.Tokens), 1);
        }
    }

    private double KeepLease(RateLimitPolicy policy, string subject, double tokens, DateTimeOffset now)
    {
        if (tokens <= 0)
        {
            return 0;
        }

        _leases.Set((policy.Name, subject), new Lease { Tokens = tokens, ExpiresAt = now + LeaseLifetime });
        return tokens;
    }

    private sealed class Lease
    {
        public double Tokens { get; set; }

        public DateTimeOffset ExpiresAt { get; init; }
    }
}
