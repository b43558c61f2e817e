using System.Collections.Concurrent;

namespace LiveServerless.Functions;

/// <summary>
/// Keys marked as changed since a background worker last drained them: many marks between two drains make one piece of work
/// (the debounce behind aggregated viewer counts and recommendation refreshes).
/// </summary>
public class PendingSet<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, byte> _pending = new();

    public void MarkChanged(TKey key) => _pending.TryAdd(key, 0);

    /// <summary>Takes every pending key; a key marked again while the work runs is pending again afterwards.</summary>
    public IReadOnlyList<TKey> Drain()
    {
        var keys = _pending.Keys.ToArray();
        foreach (var key in keys)
        {
            _pending.TryRemove(key, out _);
        }

        return keys;
    }
}
