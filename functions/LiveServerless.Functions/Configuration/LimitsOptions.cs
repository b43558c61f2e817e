namespace LiveServerless.Functions.Configuration;

/// <summary>
/// Limits that hold across every instance of the app (kept as shared token buckets in Azure Tables): a tenant's ingest quota and
/// per-user bounds on what a client can inject. The tenant-wide ones are defaults the admin can override per tenant (<c>quotas</c>).
/// </summary>
[SettingsSection(Section)]
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Interaction events a tenant's clients may ingest per second, all users together; more answers 429.</summary>
    public int TenantEventsPerSecond { get; set; } = 1000;

    /// <summary>Likes one user may send in one room per minute.</summary>
    public int LikesPerMinute { get; set; } = 1200;

    /// <summary>Shares one user may send in one room per minute.</summary>
    public int SharesPerMinute { get; set; } = 10;

    /// <summary>Ad decisions one user may ask for per minute.</summary>
    public int AdDecisionsPerMinute { get; set; } = 30;

    /// <summary>Requests one partner key may make per minute, unless the admin set the tenant's own quota.</summary>
    public int PartnerRequestsPerMinute { get; set; } = 6000;

    /// <summary>Webhook deliveries a tenant's subscriptions may receive per minute (more wait their turn), unless the admin set the tenant's own.</summary>
    public int WebhookDeliveriesPerMinute { get; set; } = 600;
}
