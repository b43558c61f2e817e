using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Common;

namespace LiveServerless.Functions.Ads;

/// <summary>A stored campaign and its delivery so far.</summary>
public sealed record CampaignView(Versioned<Campaign> Campaign, CampaignDelivery Delivery);

/// <summary>A tenant's campaigns: create, read, change, pause and resume, report. Always inside the caller's tenant.</summary>
public sealed class CampaignService(CampaignStore campaigns, CampaignDeliveryStore deliveries, TimeProvider time)
{
    /// <summary>How many delivery documents a listing reads at once.</summary>
    private const int ListingParallelism = 8;

    /// <summary>The delivery document is written first, so every stored campaign has one (a failure in between leaves an unused document).</summary>
    public async Task<CampaignView> CreateAsync(string tenantId, NewCampaign draft, CancellationToken cancellationToken)
    {
        var campaign = Campaign.Create(tenantId, draft, time.GetUtcNow());
        var delivery = await deliveries.CreateAsync(campaign, cancellationToken);
        return new CampaignView(await campaigns.AddAsync(campaign, cancellationToken), delivery);
    }

    public async Task<CampaignView> GetAsync(string tenantId, string campaignId, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetRequiredAsync(tenantId, campaignId, cancellationToken);
        return await ViewAsync(campaign, cancellationToken);
    }

    public async Task<Page<CampaignView>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        var found = await campaigns.ListAsync(tenantId, page, cancellationToken);
        var views = new CampaignView[found.Items.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, views.Length),
            new ParallelOptions { MaxDegreeOfParallelism = ListingParallelism, CancellationToken = cancellationToken },
            async (i, token) => views[i] = await ViewAsync(found.Items[i], token));
        return new Page<CampaignView>(views, found.ContinuationToken);
    }

    /// <summary>
    /// A PATCH: the changes are merged into the stored campaign and validated as a whole. When a budget changes, the delivery document
    /// first checks that the new budget covers what is spent and reserved and fences grants to it (<see cref="CampaignBudgets"/>);
    /// only then is the campaign stored, with the client's If-Match.
    /// </summary>
    public async Task<CampaignView> UpdateAsync(
        string tenantId, string campaignId, Func<Campaign, CampaignChanges> changesTo, string? ifMatch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stored = await campaigns.UpdateAsync(tenantId, campaignId, async (current, token) =>
        {
            var changes = changesTo(current);
            var updated = current.Apply(changes, now);
            if (changes.TotalBudget.IsSet || changes.DailyBudget.IsSet)
            {
                await deliveries.FenceBudgetsAsync(updated, changes, now, token);
            }

            return updated;
        }, ifMatch, cancellationToken);
        return await ViewAsync(stored, cancellationToken);
    }

    public async Task<CampaignView> PauseAsync(string tenantId, string campaignId, string? ifMatch, CancellationToken cancellationToken) =>
        await ViewAsync(await campaigns.UpdateAsync(tenantId, campaignId, c => c.Pause(time.GetUtcNow()), ifMatch, cancellationToken), cancellationToken);

    public async Task<CampaignView> ResumeAsync(string tenantId, string campaignId, string? ifMatch, CancellationToken cancellationToken) =>
        await ViewAsync(await campaigns.UpdateAsync(tenantId, campaignId, c => c.Resume(time.GetUtcNow()), ifMatch, cancellationToken), cancellationToken);

    public async Task<CampaignReport> ReportAsync(string tenantId, string campaignId, CancellationToken cancellationToken)
    {
        var view = await GetAsync(tenantId, campaignId, cancellationToken);
        return CampaignReport.Build(view.Campaign.Value, view.Delivery, TrafficCurve.Default, time.GetUtcNow());
    }

    /// <summary>A campaign whose delivery document is missing (a restarted local cosmosdb-server) shows as not yet delivered.</summary>
    private async Task<CampaignView> ViewAsync(Versioned<Campaign> campaign, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.ReadAsync(campaign.Value.TenantId, campaign.Value.Id, cancellationToken);
        return new CampaignView(campaign, delivery?.Document.Delivery ?? CampaignDelivery.Start(campaign.Value));
    }
}
