using System.Collections.Concurrent;
using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Common;
using LiveServerless.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Ads;

/// <summary>
/// This instance's copy of every campaign that has not ended, with its delivery document, kept fresh cheaply: the campaigns table is
/// read whole only every <see cref="AdServingOptions.FullResyncInterval"/>, and in between only for the rows storage wrote since the
/// newest write already seen; a delivery document is read when its campaign is new or changed, or when this instance has not seen it
/// for <see cref="AdServingOptions.DeliveryRefreshInterval"/> (lease syncs hand in fresh copies of the busy ones for free).
/// Used by the single refresh loop only.
/// </summary>
public sealed class CampaignMirror(CampaignStore campaigns, CampaignDeliveryStore deliveries, IOptions<AdServingOptions> serving)
{
    private readonly AdServingOptions settings = serving.Value;

    /// <summary>Before any campaign was written; storage refuses dates before 1601, so not <see cref="DateTimeOffset.MinValue"/>.</summary>
    private static readonly DateTimeOffset Beginning = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private DateTimeOffset? _writtenSince;

    private DateTimeOffset _lastFullResync = DateTimeOffset.MinValue;

    public int Count => _entries.Count;

    /// <summary>Brings the campaigns up to date, then reads the delivery documents that are missing or oldest, at most a slice per call.</summary>
    public async Task RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_writtenSince is null || now - _lastFullResync >= settings.FullResyncInterval)
        {
            await ResyncAsync(now, cancellationToken);
        }
        else
        {
            await ApplyWritesSinceAsync(_writtenSince.Value, cancellationToken);
        }

        await ReadStaleDeliveriesAsync(now, cancellationToken);
    }

    /// <summary>What the index is built from: every mirrored campaign with its delivery (ended and paused ones are left out by the index).</summary>
    public IEnumerable<ServingCampaign> Serving(DateTimeOffset now) =>
        _entries.Values.Where(e => e.Delivery is not null).Select(e => Serve(e.Campaign.Value, e.Delivery!, now));

    public Campaign? Campaign(string campaignId) => _entries.GetValueOrDefault(campaignId)?.Campaign.Value;

    /// <summary>A delivery document this instance has just written: the freshest copy there is.</summary>
    public void Written(CampaignDeliveryDocument document, DateTimeOffset now)
    {
        if (_entries.TryGetValue(document.Delivery.CampaignId, out var entry))
        {
            _entries[document.Delivery.CampaignId] = entry with { Delivery = document, DeliveryReadAt = now };
        }
    }

    /// <summary>Budget available is computed under the delivery's budget fence, the same limit grants obey.</summary>
    private static ServingCampaign Serve(Campaign campaign, CampaignDeliveryDocument document, DateTimeOffset now) => new(
        campaign,
        new CtrStats(document.Delivery.Impressions, document.Delivery.Clicks),
        document.Delivery.Pacing.Throttle,
        document.Delivery.Available(document.Limit(campaign), now));

    /// <summary>
    /// Rebuilds from every campaign that has not ended. Campaigns that ended recently stay a little longer: their leases may still have
    /// to be closed in this instance's wallet, which needs the campaign.
    /// </summary>
    private async Task ResyncAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fresh = new Dictionary<string, Entry>(StringComparer.Ordinal);
        DateTimeOffset? newest = null;
        await foreach (var (document, writtenAt) in campaigns.NotEndedAsync(cancellationToken))
        {
            fresh[document.Value.Id] = Merge(_entries.GetValueOrDefault(document.Value.Id), document);
            newest = Later(newest, writtenAt);
        }

        foreach (var recentlyEnded in _entries.Values.Where(e => e.Campaign.Value.Status == CampaignStatus.Ended && now - e.Campaign.Value.UpdatedAt < settings.FullResyncInterval))
        {
            fresh.TryAdd(recentlyEnded.Campaign.Value.Id, recentlyEnded);
        }

        _entries = fresh;
        _lastFullResync = now;
        _writtenSince = newest is { } latest ? latest - settings.WriteTimeOverlap : Beginning;
    }

    private async Task ApplyWritesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        DateTimeOffset? newest = null;
        await foreach (var (document, writtenAt) in campaigns.WrittenSinceAsync(since, cancellationToken))
        {
            _entries[document.Value.Id] = Merge(_entries.GetValueOrDefault(document.Value.Id), document);
            newest = Later(newest, writtenAt);
        }

        if (newest is { } latest && latest - settings.WriteTimeOverlap > since)
        {
            _writtenSince = latest - settings.WriteTimeOverlap;
        }
    }

    /// <summary>A campaign seen at a new version gets its delivery read again (a budget PATCH moved the delivery's fence too).</summary>
    private static Entry Merge(Entry? known, Versioned<Campaign> document) =>
        known is null ? new Entry(document, null, DateTimeOffset.MinValue)
        : known.Campaign.ETag == document.ETag ? known
        : known with { Campaign = document, DeliveryReadAt = DateTimeOffset.MinValue };

    private async Task ReadStaleDeliveriesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stale = _entries.Values
            .Where(e => e.Campaign.Value.Status != CampaignStatus.Ended && now - e.DeliveryReadAt >= settings.DeliveryRefreshInterval)
            .OrderBy(e => e.DeliveryReadAt)
            .Take(settings.MaxDeliveryReadsPerRefresh)
            .ToArray();
        var read = new ConcurrentBag<(string CampaignId, CampaignDeliveryDocument? Document)>();
        await Parallel.ForEachAsync(
            stale,
            new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
            async (entry, token) =>
            {
                var campaign = entry.Campaign.Value;
                read.Add((campaign.Id, (await deliveries.ReadAsync(campaign.TenantId, campaign.Id, token))?.Document));
            });
        foreach (var (campaignId, document) in read)
        {
            // A campaign without a delivery document (only ever a local cosmosdb-server that was restarted) cannot serve.
            _entries[campaignId] = _entries[campaignId] with { Delivery = document, DeliveryReadAt = now };
        }
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } known && known > b ? known : b;

    private sealed record Entry(Versioned<Campaign> Campaign, CampaignDeliveryDocument? Delivery, DateTimeOffset DeliveryReadAt);
}
