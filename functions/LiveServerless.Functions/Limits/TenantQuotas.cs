using System.Collections.Concurrent;
using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Limits;

/// <summary>
/// The limits of one tenant: the admin's quotas where set, the platform's defaults (Limits settings) otherwise. Tenants' quotas are
/// read at most every <see cref="CacheFor"/> per instance, so a change applies within seconds without a read per request.
/// </summary>
public sealed class TenantQuotas(ITenantQuotasLookup tenants, RateLimitPolicies policies, IOptions<LimitsOptions> options, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (Quotas Quotas, DateTimeOffset ReadAt)> _cache = new(StringComparer.Ordinal);

    /// <summary>Requests per minute of each partner key, leased in twentieths.</summary>
    public async Task<RateLimitPolicy> PartnerRequestsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var perMinute = (await QuotasAsync(tenantId, cancellationToken)).RequestsPerMinutePerKey ?? options.Value.PartnerRequestsPerMinute;
        return new RateLimitPolicy("key-requests", perMinute, perMinute / 60.0, Math.Max(0, Math.Floor(perMinute / 20.0)));
    }

    /// <summary>The tenant's ingest quota (events per second, all its users together).</summary>
    public async Task<RateLimitPolicy> TenantEventsAsync(string tenantId, CancellationToken cancellationToken) =>
        (await QuotasAsync(tenantId, cancellationToken)).EventsPerSecond is { } perSecond
            ? new RateLimitPolicy(policies.TenantEvents.Name, perSecond, perSecond, Math.Max(1, perSecond / 10))
            : policies.TenantEvents;

    /// <summary>Webhook deliveries per minute to the tenant's subscriptions.</summary>
    public async Task<RateLimitPolicy> WebhookDeliveriesAsync(string tenantId, CancellationToken cancellationToken)
    {
        var perMinute = (await QuotasAsync(tenantId, cancellationToken)).WebhookDeliveriesPerMinute ?? options.Value.WebhookDeliveriesPerMinute;
        return new RateLimitPolicy("webhook-deliveries", perMinute, perMinute / 60.0);
    }

    private async Task<Quotas> QuotasAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(tenantId, out var cached) && now - cached.ReadAt < CacheFor)
        {
            return cached.Quotas;
        }

        var quotas = await tenants.GetQuotasAsync(tenantId, cancellationToken) ?? Quotas.Defaults;
        _cache[tenantId] = (quotas, now);
        return quotas;
    }
}

/// <summary>Where the quotas find a tenant's admin-set quotas (the tenants' store implements it); null for an unknown tenant.</summary>
public interface ITenantQuotasLookup
{
    Task<Quotas?> GetQuotasAsync(string tenantId, CancellationToken cancellationToken);
}
