namespace LiveServerless.Functions.Configuration;

/// <summary>
/// Limits that hold across every instance of the app (kept as shared token buckets in Azure Tables): a tenant's ingest quota and
/// per-user bounds on what a client can inject.
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
}
