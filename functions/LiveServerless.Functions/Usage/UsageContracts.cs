using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Metering;

namespace LiveServerless.Functions.Usage;

/// <summary>One day of one tenant's usage, every counter present (0 when nothing was counted).</summary>
public sealed record UsageDayResponse(
    string Date,
    IReadOnlyDictionary<string, long> ApiCalls,
    long EventsIngested,
    long ChatMessages,
    long SignalRMessages,
    long WebhookDeliveries)
{
    public static UsageDayResponse From(string day, IReadOnlyDictionary<string, long> totals) => new(
        day,
        Enum.GetValues<PartnerScope>().ToDictionary(s => s.ToString().ToLowerInvariant(), s => totals.GetValueOrDefault(UsageMeter.ApiCallsColumn(s))),
        totals.GetValueOrDefault(UsageMeter.ColumnOf(UsageCounter.EventsIngested)),
        totals.GetValueOrDefault(UsageMeter.ColumnOf(UsageCounter.ChatMessages)),
        totals.GetValueOrDefault(UsageMeter.ColumnOf(UsageCounter.SignalRMessages)),
        totals.GetValueOrDefault(UsageMeter.ColumnOf(UsageCounter.WebhookDeliveries)));
}

/// <summary>A tenant's usage per day from <c>from</c> to <c>to</c> (UTC days, inclusive); days without any usage are left out.</summary>
public sealed record UsageResponse(string TenantId, string From, string To, IReadOnlyList<UsageDayResponse> Days)
{
    public static UsageResponse Of(string tenantId, UsageInRange usage) =>
        new(tenantId, usage.From, usage.To, [.. usage.Days.Select(d => UsageDayResponse.From(d.Day, d.Totals))]);
}

/// <summary>The admin's view: every tenant with usage in the range.</summary>
public sealed record AllUsageResponse(string From, string To, IReadOnlyList<UsageResponse> Tenants)
{
    public static AllUsageResponse Of(UsageInRange usage) => new(usage.From, usage.To, [.. usage.Days
        .GroupBy(d => d.TenantId, StringComparer.Ordinal)
        .Select(tenant => UsageResponse.Of(tenant.Key, usage with { Days = [.. tenant] }))]);
}
