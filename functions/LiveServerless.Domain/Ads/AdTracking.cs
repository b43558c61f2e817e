using LiveServerless.Domain.Interactions;

namespace LiveServerless.Domain.Ads;

/// <summary>
/// The stream handler's pure core for ad events: a batch of one partition, applied to the viewers' ledgers (which decide what counts)
/// and then to the campaigns' deliveries (which count and bill). Write the returned deliveries first and the ledgers second, then
/// checkpoint: if the handler dies in between, the replayed batch meets unchanged ledgers, which yield the same outcomes again, and
/// the deliveries already written skip them by watermark. (Ledgers first would lose the outcomes of a crash for good.)
/// </summary>
public static class AdTracking
{
    public static bool IsAdEvent(Interaction interaction) =>
        interaction.Type is InteractionType.AdImpression or InteractionType.AdClick &&
        interaction.ImpressionId is not null && interaction.CampaignId is not null;

    /// <summary>The ledgers to load for a batch.</summary>
    public static IReadOnlySet<LedgerKey> LedgersOf(IEnumerable<StreamedInteraction> batch) =>
        batch.Where(e => IsAdEvent(e.Interaction)).Select(e => LedgerKey.Of(e.Interaction)).ToHashSet();

    /// <summary>The deliveries to load for a batch: the campaigns its ad events name (the ingest copied them from verified tokens).</summary>
    public static IReadOnlySet<string> CampaignsOf(IEnumerable<StreamedInteraction> batch) =>
        batch.Where(e => IsAdEvent(e.Interaction)).Select(e => e.Interaction.CampaignId!).ToHashSet(StringComparer.Ordinal);

    /// <param name="batch">Events of one partition, in stream order.</param>
    /// <param name="ledgers">The loaded ledgers; a viewer without one has no served ads, so their events count for nothing.</param>
    /// <param name="deliveries">The loaded deliveries, by campaign id; outcomes of a campaign without one are dropped.</param>
    /// <param name="clickDwell">How long after its recorded impression a click can first count (<see cref="AdPolicy.ClickDwell"/>).</param>
    public static AdTrackingResult Apply(
        IReadOnlyList<StreamedInteraction> batch,
        IReadOnlyDictionary<LedgerKey, UserAdLedger> ledgers,
        IReadOnlyDictionary<string, CampaignDelivery> deliveries,
        TimeSpan clickDwell)
    {
        var updatedLedgers = new List<UserAdLedger>();
        var outcomes = new List<AdOutcome>();
        foreach (var viewer in batch.Where(e => IsAdEvent(e.Interaction)).GroupBy(e => LedgerKey.Of(e.Interaction)))
        {
            if (ledgers.TryGetValue(viewer.Key, out var ledger))
            {
                var (tracked, viewerOutcomes) = ledger.Track(viewer.ToArray(), clickDwell);
                updatedLedgers.Add(tracked);
                outcomes.AddRange(viewerOutcomes);
            }
        }

        var updatedDeliveries = outcomes
            .GroupBy(o => o.CampaignId, StringComparer.Ordinal)
            .Where(g => deliveries.ContainsKey(g.Key))
            .Select(g => deliveries[g.Key].Apply(g))
            .ToArray();
        return new AdTrackingResult(updatedDeliveries, updatedLedgers, outcomes);
    }
}

/// <summary>A viewer's ledger is keyed by tenant and user: user ids are unique only within a tenant.</summary>
public readonly record struct LedgerKey(string TenantId, string UserId)
{
    public static LedgerKey Of(Interaction interaction) => new(interaction.TenantId, interaction.UserId);

    public static LedgerKey Of(UserAdLedger ledger) => new(ledger.TenantId, ledger.UserId);
}

/// <summary>The documents to write, in this order (deliveries, then ledgers), and the outcomes they came from.</summary>
public sealed record AdTrackingResult(
    IReadOnlyList<CampaignDelivery> Deliveries,
    IReadOnlyList<UserAdLedger> Ledgers,
    IReadOnlyList<AdOutcome> Outcomes);
