namespace LiveServerless.Functions.Configuration;

/// <summary>
/// Tuning of the in-memory ad serving state of an instance. The defaults suit Azure and the tests alike (a new or changed campaign
/// serves within a couple of seconds), so neither Bicep nor the local sample sets them.
/// </summary>
[SettingsSection(Section)]
public sealed class AdServingOptions
{
    public const string Section = "AdServing";

    /// <summary>How often the instance refreshes its campaign index and syncs its budget leases.</summary>
    [SettingScope(SettingScope.Optional)]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the mirror of the campaigns table is rebuilt from scratch instead of from the rows written since the last refresh.</summary>
    [SettingScope(SettingScope.Optional)]
    public TimeSpan FullResyncInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Rows written this long before the newest write seen are asked for again: storage timestamps of concurrent writes in different
    /// partitions need not become visible in timestamp order.
    /// </summary>
    [SettingScope(SettingScope.Optional)]
    public TimeSpan WriteTimeOverlap { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A delivery document the instance has not read or written for this long is read again. Campaigns that serve here are written at
    /// every lease sync anyway; this catches budget freed by other instances' settlements and the pacing timer's new throttles.
    /// </summary>
    [SettingScope(SettingScope.Optional)]
    public TimeSpan DeliveryRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many delivery documents are read per refresh (oldest first), so a fleet of campaigns is read in slices.</summary>
    [SettingScope(SettingScope.Optional)]
    public int MaxDeliveryReadsPerRefresh { get; set; } = 200;

    /// <summary>
    /// Subtracted from the stream's processed-until time to get the time up to which every ad event has been applied: it covers the
    /// clock skew between instances and Event Hubs (an event is stamped by the ingest's clock, enqueued by the service's) and the
    /// longest a publish can take with its retries (about 35 s), so an event stamped before the result cannot still be on its way.
    /// </summary>
    [SettingScope(SettingScope.Optional)]
    public TimeSpan SettlementMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many delivery documents are read or written at once.</summary>
    [SettingScope(SettingScope.Optional)]
    public int Parallelism { get; set; } = 16;
}
