using System.Collections.Concurrent;

namespace LiveServerless.Functions;

/// <summary>
/// Per-key state an instance keeps for as long as the key is in use (a room's last viewer count, a rate-limit bucket it last
/// wrote): an entry neither set nor read for <c>idleAfter</c> is gone, so memory follows the keys in use now rather than every key
/// the process has ever seen. Expired entries are swept at most once per <c>idleAfter</c>, by whichever write comes due.
/// </summary>
public sealed class IdleEvictingMap<TKey, TValue>(TimeSpan idleAfter, TimeProvider time)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    private long _nextSweepTicks;

    /// <summary>Entries held right now, the idle ones not yet swept included.</summary>
    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && !entry.IsIdleAt(now, idleAfter))
        {
            entry.Touch(now);
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        var now = time.GetUtcNow();
        _entries[key] = new Entry(value, now);
        SweepIfDue(now);
    }

    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + idleAfter).UtcTicks, due) != due)
        {
            return; // not yet, or another write is sweeping
        }

        foreach (var pair in _entries)
        {
            if (pair.Value.IsIdleAt(now, idleAfter))
            {
                _entries.TryRemove(pair); // only if it was not set again meanwhile
            }
        }
    }

    private sealed class Entry(TValue value, DateTimeOffset now)
    {
        private long _lastUsedTicks = now.UtcTicks;

        public TValue Value { get; } = value;

        public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);

        public bool IsIdleAt(DateTimeOffset now, TimeSpan idleAfter) => now.UtcTicks - Interlocked.Read(ref _lastUsedTicks) >= idleAfter.Ticks;
    }
}
