using System.Diagnostics;

namespace LiveServerless.Benchmarks.FanOut;

/// <summary>
/// Keeps every sender within LiveServerless' per-user chat limit (a burst of 5, then 1 message per second, across instances)
/// with a margin: a burst of 4 and one message per 1.1 s. Senders are taken round-robin, so a load spreads over many users.
/// The peers have no limits but get exactly the same senders and schedule.
/// </summary>
public sealed class SenderBudgets
{
    private const double Burst = 4;

    private static readonly TimeSpan Refill = TimeSpan.FromSeconds(1.1);

    private readonly Lock _lock = new();

    private readonly double[] _tokens;

    private readonly long[] _updated;

    private int _next;

    public SenderBudgets(int users)
    {
        _tokens = Enumerable.Repeat(Burst, users).ToArray();
        _updated = Enumerable.Repeat(Stopwatch.GetTimestamp(), users).ToArray();
    }

    /// <summary>The next user allowed to post now, or false when every user has used up its budget for the moment.</summary>
    public bool TryTake(out int user)
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            for (var tried = 0; tried < _tokens.Length; tried++)
            {
                var candidate = (_next + tried) % _tokens.Length;
                var refilled = Stopwatch.GetElapsedTime(_updated[candidate], now) / Refill;
                _tokens[candidate] = Math.Min(Burst, _tokens[candidate] + refilled);
                _updated[candidate] = now;
                if (_tokens[candidate] >= 1)
                {
                    _tokens[candidate] -= 1;
                    _next = candidate + 1;
                    user = candidate;
                    return true;
                }
            }

            user = -1;
            return false;
        }
    }

    public async Task<int> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTake(out var user))
            {
                return user;
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}
