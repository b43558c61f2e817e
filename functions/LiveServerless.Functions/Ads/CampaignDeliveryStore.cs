using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Common;
using LiveServerless.Functions.Cosmos;

namespace LiveServerless.Functions.Ads;

/// <summary>
/// The budgets leases may be granted against, kept in the delivery document next to the leases. A PATCH that changes a budget writes
/// it here first — under the delivery's ETag, right after checking that the new budget covers what is spent and reserved — and only
/// then stores the campaign. Grants take the lower of these and the campaign's own budgets, so a lease can never be granted against a
/// budget that a PATCH has already checked to be lower, whether the granting instance's copy of the campaign is seconds old or the
/// PATCH has not yet stored it. (A PATCH that fails after this write leaves a lower fence than the campaign: under-delivery until the
/// next budget change, never overspend.) A null daily budget means no daily limit.
/// </summary>
public sealed record CampaignBudgets(decimal Total, decimal? Daily)
{
    public static CampaignBudgets Of(Campaign campaign) => new(campaign.TotalBudget, campaign.DailyBudget);

    /// <summary>The campaign with the lower of its own and these budgets: what grants and pacing may spend.</summary>
    public Campaign Limit(Campaign campaign) => campaign with
    {
        TotalBudget = Math.Min(campaign.TotalBudget, Total),
        DailyBudget = (campaign.DailyBudget, Daily) switch
        {
            (null, var fence) => fence,
            (var own, null) => own,
            var (own, fence) => Math.Min(own.Value, fence.Value),
        },
    };

    /// <summary>The fence after a PATCH: the budgets the PATCH sets, the others as they were.</summary>
    public CampaignBudgets After(CampaignChanges changes, Campaign updated) => new(
        changes.TotalBudget.IsSet ? updated.TotalBudget : Total,
        changes.DailyBudget.IsSet ? updated.DailyBudget : Daily);
}

/// <summary>One document per campaign; id and partition key = tenant:campaign.</summary>
public sealed record CampaignDeliveryDocument(string Id, string CampaignId, CampaignDelivery Delivery, CampaignBudgets Budgets) : ICosmosDocument
{
    public string PartitionKeyValue => CampaignId;

    /// <summary>The campaign as grants and pacing must see it (see <see cref="CampaignBudgets"/>).</summary>
    public Campaign Limit(Campaign campaign) => Budgets.Limit(campaign);
}

/// <summary>
/// Campaign delivery documents in Cosmos DB (container campaignDelivery). Every writer — the stream handler, the lease refresher, the
/// pacing timer, a budget PATCH — replaces with If-Match and redoes its (pure, repeatable) change on a conflict.
/// </summary>
public sealed class CampaignDeliveryStore(CosmosDatabase database)
{
    private readonly CosmosDocuments<CampaignDeliveryDocument> _documents = new(database, CosmosContainers.CampaignDelivery);

    public static string Key(string tenantId, string campaignId) => CosmosKeys.Scoped(tenantId, campaignId);

    /// <summary>The delivery of a new campaign; written before the campaign itself, so a stored campaign always has one.</summary>
    public async Task<CampaignDelivery> CreateAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var key = Key(campaign.TenantId, campaign.Id);
        var document = new CampaignDeliveryDocument(key, key, CampaignDelivery.Start(campaign), CampaignBudgets.Of(campaign));
        if (await _documents.TryWriteAsync(document, etag: null, cancellationToken) is null)
        {
            throw new ConflictException($"Campaign '{campaign.Id}' already has a delivery record.");
        }

        return document.Delivery;
    }

    public async Task<(CampaignDeliveryDocument Document, string ETag)?> ReadAsync(string tenantId, string campaignId, CancellationToken cancellationToken)
    {
        var key = Key(tenantId, campaignId);
        return await _documents.ReadAsync(key, key, cancellationToken);
    }

    public Task<string?> TryReplaceAsync(CampaignDeliveryDocument document, string etag, CancellationToken cancellationToken) =>
        _documents.TryWriteAsync(document, etag, cancellationToken);

    /// <summary>Read-change-write until no one wrote in between; a campaign without a delivery document is not found.</summary>
    public async Task<CampaignDeliveryDocument> UpdateAsync(
        string tenantId, string campaignId, Func<CampaignDeliveryDocument, CampaignDeliveryDocument> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await ReadAsync(tenantId, campaignId, cancellationToken) ?? throw new NotFoundException("Campaign delivery", campaignId);
            var updated = change(current.Document);
            if (ReferenceEquals(updated, current.Document) || await TryReplaceAsync(updated, current.ETag, cancellationToken) is not null)
            {
                return updated;
            }
        }
    }

    /// <summary>
    /// The first half of a budget PATCH: refuses budgets below what is already spent or promised to leases, and records the new
    /// budgets as the fence (see <see cref="CampaignBudgets"/>) in the same guarded write, so no lease can slip in between.
    /// </summary>
    public Task FenceBudgetsAsync(Campaign updated, CampaignChanges changes, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(updated.TenantId, updated.Id, document =>
        {
            document.Delivery.EnsureBudgetsCover(updated, now);
            var fence = document.Budgets.After(changes, updated);
            return fence == document.Budgets ? document : document with { Budgets = fence };
        }, cancellationToken);
}
