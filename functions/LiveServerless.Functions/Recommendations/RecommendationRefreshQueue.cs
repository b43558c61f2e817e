using System.Collections.Concurrent;

namespace LiveServerless.Functions.Recommendations;

/// <summary>Users whose profile changed since their list was last computed; the refresher drains it (a debounce: many events, one refresh).</summary>
public sealed class RecommendationRefreshQueue
{
    private readonly ConcurrentDictionary<(string TenantId, string UserId), byte> _pending = new();

    public void MarkChanged(string tenantId, string userId) => _pending.TryAdd((tenantId, userId), 0);

    public IReadOnlyList<(string TenantId, string UserId)> Drain()
    {
        var users = _pending.Keys.ToArray();
        foreach (var user in users)
        {
            _pending.TryRemove(user, out _);
        }

        return users;
    }
}
