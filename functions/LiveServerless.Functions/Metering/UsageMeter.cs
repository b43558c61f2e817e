using System.Collections.Concurrent;
using System.Globalization;
using LiveServerless.Domain.Tenants;

namespace LiveServerless.Functions.Metering;

/// <summary>What a tenant's usage is counted in (besides API calls, which are counted per scope).</summary>
public enum UsageCounter
{
    EventsIngested,
    ChatMessages,
    SignalRMessages,
    WebhookDeliveries,
}

/// <summary>
/// Counts a tenant's usage per UTC day in memory (a counter costs no I/O on the request) and writes this instance's running totals
/// to the <c>usage</c> table every few seconds (<see cref="UsageFlusher"/>) and before every usage read. Each instance writes its own
/// row (<c>{day}:{instance}</c>) with its cumulative totals, so writes never contend and a repeated write changes nothing; readers
/// add the rows up. An instance that crashes loses at most its last few seconds of counts.
/// </summary>
public sealed class UsageMeter(TimeProvider time)
{
    /// <summary>This process's row suffix.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    private readonly ConcurrentDictionary<(string TenantId, string Day), ConcurrentDictionary<string, long>> _totals = new();

    private readonly ConcurrentDictionary<(string TenantId, string Day), byte> _dirty = new();

    public static string ColumnOf(UsageCounter counter) => counter.ToString();

    public static string ApiCallsColumn(PartnerScope scope) => "ApiCalls_" + scope.ToString().ToLowerInvariant();

    public void Count(string tenantId, UsageCounter counter, long amount = 1) => Add(tenantId, ColumnOf(counter), amount);

    public void CountApiCall(string tenantId, PartnerScope scope) => Add(tenantId, ApiCallsColumn(scope), 1);

    /// <summary>The (tenant, day) totals changed since the last call, to be written; a failed write puts them back with <see cref="MarkDirty"/>.</summary>
    public IReadOnlyList<(string TenantId, string Day, IReadOnlyDictionary<string, long> Totals)> TakeChanged()
    {
        var changed = new List<(string, string, IReadOnlyDictionary<string, long>)>();
        foreach (var key in _dirty.Keys)
        {
            if (_dirty.TryRemove(key, out _) && _totals.TryGetValue(key, out var totals))
            {
                changed.Add((key.TenantId, key.Day, new Dictionary<string, long>(totals)));
            }
        }

        return changed;
    }

    public void MarkDirty(string tenantId, string day) => _dirty[(tenantId, day)] = 0;

    /// <summary>Forgets days before <paramref name="before"/> that have been written (they no longer change).</summary>
    public void ForgetBefore(string before)
    {
        foreach (var key in _totals.Keys.Where(k => string.CompareOrdinal(k.Day, before) < 0 && !_dirty.ContainsKey(k)))
        {
            _totals.TryRemove(key, out _);
        }
    }

    public static string DayOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void Add(string tenantId, string column, long amount)
    {
        var key = (tenantId, DayOf(time.GetUtcNow()));
        _totals.GetOrAdd(key, _ => new ConcurrentDictionary<string, long>(StringComparer.Ordinal)).AddOrUpdate(column, amount, (_, total) => total + amount);
        _dirty[key] = 0;
    }
}
