using Azure.Data.Tables;
using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Common;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Ads;

/// <summary>
/// Campaigns in Azure Tables: partition = tenant, row = campaign id, with the status as a plain column. A tenant's listing is one
/// partition query; the serving instances mirror every campaign that has not ended with one cross-partition query, and then ask
/// only for the rows written since (storage's own Timestamp), so keeping 10,000 campaigns in memory costs a few rows per refresh.
/// </summary>
public sealed class CampaignStore(TableProvider tables)
{
    private const string StatusColumn = "Status";

    private readonly DocumentTable<Campaign> _campaigns = new(tables, TableNames.Campaigns, "Campaign");

    public Task<Versioned<Campaign>> AddAsync(Campaign campaign, CancellationToken cancellationToken) =>
        _campaigns.AddAsync(campaign.TenantId, campaign.Id, campaign, Columns(campaign), cancellationToken);

    public Task<Versioned<Campaign>> GetRequiredAsync(string tenantId, string campaignId, CancellationToken cancellationToken) =>
        _campaigns.GetRequiredAsync(tenantId, campaignId, cancellationToken);

    public Task<Page<Versioned<Campaign>>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        _campaigns.QueryAsync(tenantId, null, page, cancellationToken);

    public Task<Versioned<Campaign>> UpdateAsync(
        string tenantId, string campaignId, Func<Campaign, Campaign> change, string? ifMatch, CancellationToken cancellationToken) =>
        _campaigns.UpdateAsync(tenantId, campaignId, change, ifMatch, Columns, cancellationToken);

    /// <summary>An update whose change must first secure something elsewhere (the budget fence of a PATCH); repeated on every retry.</summary>
    public Task<Versioned<Campaign>> UpdateAsync(
        string tenantId, string campaignId, Func<Campaign, CancellationToken, Task<Campaign>> change, string? ifMatch, CancellationToken cancellationToken) =>
        _campaigns.UpdateAsync(tenantId, campaignId, change, ifMatch, Columns, cancellationToken);

    /// <summary>Every campaign of every tenant that has not ended, with when storage last wrote it.</summary>
    public IAsyncEnumerable<(Versioned<Campaign> Document, DateTimeOffset WrittenAt)> NotEndedAsync(CancellationToken cancellationToken) =>
        _campaigns.ScanWithWriteTimesAsync(TableClient.CreateQueryFilter($"Status ne {StatusName(CampaignStatus.Ended)}"), cancellationToken);

    /// <summary>Every campaign written at or after <paramref name="since"/> (storage clock), ended ones included so mirrors can drop them.</summary>
    public IAsyncEnumerable<(Versioned<Campaign> Document, DateTimeOffset WrittenAt)> WrittenSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        _campaigns.ScanWithWriteTimesAsync(TableClient.CreateQueryFilter($"Timestamp ge {since}"), cancellationToken);

    private static Dictionary<string, object> Columns(Campaign campaign) => new() { [StatusColumn] = StatusName(campaign.Status) };

    private static string StatusName(CampaignStatus status) => status.ToString().ToLowerInvariant();
}
