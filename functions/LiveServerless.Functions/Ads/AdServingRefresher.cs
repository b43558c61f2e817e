using System.Collections.Concurrent;
using LiveServerless.Domain.Ads;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Resilience;
using LiveServerless.Functions.Streaming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Ads;

/// <summary>
/// Keeps this instance's serving state fresh, every <see cref="AdServingOptions.RefreshInterval"/>: learns how far the stream has
/// been applied, brings the campaign mirror up to date, builds a new index and swaps it in, then syncs the lease wallet with the
/// delivery documents — closing leases it stopped issuing from, settling what the stream has passed, installing the leases granted.
/// Decisions never wait for any of this. Runs as a hosted service in the worker (and in DevHost).
/// </summary>
public sealed partial class AdServingRefresher(
    CampaignMirror mirror,
    CampaignDeliveryStore deliveries,
    StreamProgress progress,
    AdServingState state,
    IOptions<AdServingOptions> serving,
    TimeProvider time,
    ILogger<AdServingRefresher> logger)
    : PeriodicWorker(time, logger)
{
    private readonly AdServingOptions settings = serving.Value;

    protected override TimeSpan Interval => settings.RefreshInterval;

    /// <summary>A failed round leaves the previous index serving (the base logs it and backs off).</summary>
    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var settledUntil = await SettledUntilAsync(cancellationToken);
        await mirror.RefreshAsync(now, cancellationToken);
        var index = CampaignIndex.Build(mirror.Serving(now));
        state.Publish(new ServingSnapshot(index, settledUntil));
        await SyncLeasesAsync(index, settledUntil, now, cancellationToken);
    }

    /// <summary>
    /// The time up to which every ad event has been applied: the stream's processed-until time less the settlement margin. When it
    /// cannot be read, the previous value stands — an older time only settles less.
    /// </summary>
    private async Task<DateTimeOffset> SettledUntilAsync(CancellationToken cancellationToken)
    {
        try
        {
            var processedUntil = await progress.ProcessedUntilAsync(cancellationToken);
            return processedUntil == DateTimeOffset.MinValue ? processedUntil : processedUntil - settings.SettlementMargin;
        }
        catch (Exception exception) when (FailureClassifier.IsRetryable(exception, cancellationToken))
        {
            LogProgressUnavailable(exception);
            return state.Snapshot.SettledUntil;
        }
    }

    /// <summary>
    /// One guarded write per campaign that needs it. A sync that fails loses only its closures: those leases then keep their whole
    /// amount until settlement — budget held longer, never spent twice.
    /// </summary>
    private async Task SyncLeasesAsync(CampaignIndex index, DateTimeOffset settledUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = new ConcurrentBag<CampaignDeliveryDocument>();
        var syncs = state.Wallet.Sync(index.Campaigns, now);
        await Parallel.ForEachAsync(
            syncs,
            new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
            async (sync, token) =>
            {
                if (mirror.Campaign(sync.CampaignId) is not { } campaign)
                {
                    LogUnknownCampaign(sync.CampaignId);
                    return;
                }

                try
                {
                    written.Add(await SyncAsync(campaign, sync, settledUntil, now, token));
                }
                catch (Exception exception) when (FailureClassifier.Classify(exception, token) != FailureKind.Cancelled)
                {
                    LogSyncFailed(exception, sync.CampaignId);
                }
            });

        foreach (var document in written)
        {
            mirror.Written(document, now);
        }
    }

    private async Task<CampaignDeliveryDocument> SyncAsync(Campaign campaign, LeaseSync sync, DateTimeOffset settledUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        BudgetLease? granted = null;
        var written = await deliveries.UpdateAsync(campaign.TenantId, campaign.Id, document =>
        {
            var (delivery, lease) = document.Delivery.Sync(document.Limit(campaign), sync, state.Policy, settledUntil, now);
            granted = lease;
            return document with { Delivery = delivery };
        }, cancellationToken);

        // Installed only once the grant is stored: a lease the document does not know could be spent twice.
        if (granted is not null)
        {
            state.Wallet.Install(granted);
        }

        return written;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the stream's progress; leases and ledgers settle up to the previous time")]
    private partial void LogProgressUnavailable(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease sync of campaign {CampaignId} failed; its closed leases stay reserved until they settle")]
    private partial void LogSyncFailed(Exception exception, string campaignId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease sync for campaign {CampaignId}, which this instance no longer mirrors, was dropped")]
    private partial void LogUnknownCampaign(string campaignId);
}
