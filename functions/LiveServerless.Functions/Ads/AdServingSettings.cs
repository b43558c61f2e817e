namespace LiveServerless.Functions.Ads;

/// <summary>
/// Tuning of the in-memory serving state of an instance. The defaults suit Azure and the tests alike (a new or changed campaign
/// serves within a couple of seconds); a test host can register its own instance before <see cref="AppServices.AddLiveServerless"/>.
/// </summary>
public sealed record AdServingSettings
{
    /// <summary>How often the instance refreshes its campaign index and syncs its budget leases.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the mirror of the campaigns table is rebuilt from scratch instead of from the rows written since the last refresh.</summary>
    public TimeSpan FullResyncInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Rows written this long before the newest write seen are asked for again: storage timestamps of concurrent writes in different
    /// partitions need not become visible in timestamp order.
    /// </summary>
    public TimeSpan WriteTimeOverlap { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A delivery document the instance has not read or written for this long is read again. Campaigns that serve here are written at
    /// every lease sync anyway; this catches budget freed by other instances' settlements and the pacing timer's new throttles.
    /// </summary>
    public TimeSpan DeliveryRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many delivery documents are read per refresh (oldest first), so a fleet of campaigns is read in slices.</summary>
    public int MaxDeliveryReadsPerRefresh { get; init; } = 200;

    /// <summary>
    /// Subtracted from the stream's processed-until time to get the time up to which every ad event has been applied: it covers the
    /// clock skew between instances and Event Hubs (an event is stamped by the ingest's clock, enqueued by the service's) and the
    /// longest a publish can take with its retries (about 35 s), so an event stamped before the result cannot still be on its way.
    /// </summary>
    public TimeSpan SettlementMargin { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many delivery documents are read or written at once.</summary>
    public int Parallelism { get; init; } = 16;
}
