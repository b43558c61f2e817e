using System.Collections.Concurrent;
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

    private const int MaxAttempts = 8;

    private const int MaxLeases = 10_000;

    private readonly DocumentTable<TokenBucket> _buckets = new(tables, TableNames.RateLimits, "Rate limit");

    private readonly ConcurrentDictionary<(string Policy, string Subject), Lease> _leases = new();

    /// <summary>
    /// The bucket as this instance last wrote it, with its ETag: the next take writes over it without reading first. If another
    /// instance wrote in between, the ETag no longer matches, the write fails, and the bucket is read as usual — never wrong, only
    /// a read cheaper while one instance serves a subject.
    /// </summary>
    private readonly ConcurrentDictionary<(string Policy, string Subject), Versioned<TokenBucket>> _lastWritten = new();

    /// <summary>
    /// Requests of one instance for the same bucket queue here instead of racing each other at storage (where all but one would lose
    /// and retry); striped, so memory stays fixed whatever the number of subjects.
    /// </summary>
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

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
            var stored = attempt == 1 && _lastWritten.TryGetValue((policy.Name, subject), out var known)
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
                RememberWritten(policy.Name, subject, new Versioned<TokenBucket>(taken, etag));
                var local = KeepLease(policy, subject, lease, now);
                return policy.StateOf(taken, now, local);
            }

            _lastWritten.TryRemove((policy.Name, subject), out _);
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

    private void RememberWritten(string policy, string subject, Versioned<TokenBucket> written)
    {
        if (_lastWritten.Count >= MaxLeases)
        {
            _lastWritten.Clear();
        }

        _lastWritten[(policy, subject)] = written;
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
        if (policy.LeaseSize <= 0 || !_leases.TryGetValue((policy.Name, subject), out var lease))
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

        if (_leases.Count >= MaxLeases)
        {
            foreach (var (key, stale) in _leases.Where(l => l.Value.ExpiresAt <= now))
            {
                _leases.TryRemove(new KeyValuePair<(string, string), Lease>(key, stale));
            }
        }

        _leases[(policy.Name, subject)] = new Lease { Tokens = tokens, ExpiresAt = now + LeaseLifetime };
        return tokens;
    }

    private sealed class Lease
    {
        public double Tokens { get; set; }

        public DateTimeOffset ExpiresAt { get; init; }
    }
}
