using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Streaming;

namespace LiveServerless.Functions.Ads;

/// <summary>
/// Applies ad impressions and clicks from the stream, per partition batch: the viewers' ledgers decide what counts (an impression once
/// per impression id, a click once, nothing after the token expired or for an ad never served), the campaigns' deliveries count and
/// bill it within their leases. A click counts only on a recorded impression, and only Ads:ClickDwellSeconds or more after it. Deliveries are written first and ledgers second, each with If-Match, then the pipeline checkpoints: a
/// crash in between replays the batch against unchanged ledgers, which yield the same outcomes, and the deliveries' watermarks skip
/// those already applied. Batches without ad events cost nothing.
/// </summary>
public sealed class AdTrackingHandler(CampaignDeliveryStore deliveries, AdLedgerStore ledgers, AdPolicy policy) : IInteractionBatchHandler
{
    public string Name => "ads";

    public async Task HandleAsync(InteractionBatch batch, CancellationToken cancellationToken)
    {
        var adEvents = batch.Events.Where(e => AdTracking.IsAdEvent(e.Interaction)).ToArray();
        if (adEvents.Length == 0)
        {
            return;
        }

        var (loadedLedgers, etags) = await LoadLedgersAsync(adEvents, cancellationToken);
        var loadedDeliveries = await LoadDeliveriesAsync(adEvents, cancellationToken);
        var result = AdTracking.Apply(adEvents, loadedLedgers, loadedDeliveries.ToDictionary(d => d.Key, d => d.Value.Document.Delivery, StringComparer.Ordinal), policy.ClickDwell);

        foreach (var applied in result.Deliveries)
        {
            await StoreDeliveryAsync(loadedDeliveries[applied.CampaignId], applied, result.Outcomes, cancellationToken);
        }

        foreach (var tracked in result.Ledgers)
        {
            await StoreLedgerAsync(tracked, etags[LedgerKey.Of(tracked)], adEvents, cancellationToken);
        }
    }

    /// <summary>The stored ledgers of the batch's viewers; a viewer without one was never served an ad (or was erased), so nothing of theirs counts.</summary>
    private async Task<(Dictionary<LedgerKey, UserAdLedger> Ledgers, Dictionary<LedgerKey, string> ETags)> LoadLedgersAsync(
        IReadOnlyList<StreamedInteraction> adEvents, CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(AdTracking.LedgersOf(adEvents).Select(key => ledgers.ReadAsync(key, cancellationToken)));
        var stored = read.Where(r => r.ETag is not null).ToArray();
        return (stored.ToDictionary(r => LedgerKey.Of(r.Ledger), r => r.Ledger), stored.ToDictionary(r => LedgerKey.Of(r.Ledger), r => r.ETag!));
    }

    /// <summary>The deliveries of the campaigns the events name, looked up within each event's own tenant.</summary>
    private async Task<Dictionary<string, (CampaignDeliveryDocument Document, string ETag)>> LoadDeliveriesAsync(
        IReadOnlyList<StreamedInteraction> adEvents, CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(adEvents
            .Select(e => (e.Interaction.TenantId, CampaignId: e.Interaction.CampaignId!))
            .Distinct()
            .Select(c => deliveries.ReadAsync(c.TenantId, c.CampaignId, cancellationToken)));
        return read.Where(r => r is not null).Select(r => r!.Value).ToDictionary(r => r.Document.Delivery.CampaignId, StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes the campaign's delivery with the batch's outcomes. If the lease refresher or the pacing timer wrote it meanwhile, the
    /// outcomes are applied again to the fresh copy — each at most once, by its stream position.
    /// </summary>
    private async Task StoreDeliveryAsync(
        (CampaignDeliveryDocument Document, string ETag) loaded, CampaignDelivery applied, IReadOnlyList<AdOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (await deliveries.TryReplaceAsync(loaded.Document with { Delivery = applied }, loaded.ETag, cancellationToken) is null)
        {
            await deliveries.UpdateAsync(applied.TenantId, applied.CampaignId, document => document with { Delivery = document.Delivery.Apply(outcomes) }, cancellationToken);
        }
    }

    /// <summary>
    /// Writes the viewer's tracked ledger. If a decision wrote the ledger meanwhile (it only adds new ads and settles expired ones, which
    /// none of this batch's counted events can name), the viewer's events are tracked again on the fresh ledger; their outcomes are
    /// the ones already billed, which the deliveries' watermarks hold.
    /// </summary>
    private async Task StoreLedgerAsync(UserAdLedger tracked, string? etag, IReadOnlyList<StreamedInteraction> adEvents, CancellationToken cancellationToken)
    {
        var viewer = LedgerKey.Of(tracked);
        var events = adEvents.Where(e => LedgerKey.Of(e.Interaction) == viewer).ToArray();
        while (!await ledgers.TryWriteAsync(tracked, etag, cancellationToken))
        {
            (var fresh, etag) = await ledgers.ReadAsync(viewer, cancellationToken);
            if (etag is null)
            {
                // The ledger was deleted meanwhile (the viewer was erased): nothing of theirs is kept.
                return;
            }

            tracked = fresh.Track(events, policy.ClickDwell).Ledger;
        }
    }
}
