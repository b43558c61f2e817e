using LiveServerless.Domain.Common;
using LiveServerless.Domain.Economy;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Economy;

/// <summary>Each tenant's gift catalog in Azure Tables: partition = tenant, row = gift id.</summary>
public sealed class GiftCatalogStore(TableProvider tables)
{
    private readonly DocumentTable<Gift> _gifts = new(tables, TableNames.Gifts, "Gift");

    public Task<Versioned<Gift>?> GetAsync(string tenantId, string giftId, CancellationToken cancellationToken) =>
        _gifts.GetAsync(tenantId, giftId, cancellationToken);

    public Task<Versioned<Gift>> GetRequiredAsync(string tenantId, string giftId, CancellationToken cancellationToken) =>
        _gifts.GetRequiredAsync(tenantId, giftId, cancellationToken);

    /// <summary>Creates the gift, or replaces it (only over <paramref name="ifMatch"/> when given). True when it was created.</summary>
    public async Task<(Versioned<Gift> Gift, bool Created)> PutAsync(string tenantId, Gift gift, string? ifMatch, CancellationToken cancellationToken)
    {
        if (ifMatch is null && await _gifts.GetAsync(tenantId, gift.Id, cancellationToken) is null)
        {
            try
            {
                return (await _gifts.AddAsync(tenantId, gift.Id, gift, columns: null, cancellationToken), true);
            }
            catch (ConflictException)
            {
                // Created concurrently: replace it like any existing gift.
            }
        }

        return (await _gifts.UpdateAsync(tenantId, gift.Id, _ => gift, ifMatch, columns: null, cancellationToken), false);
    }

    public Task DeleteAsync(string tenantId, string giftId, string? ifMatch, CancellationToken cancellationToken) =>
        _gifts.DeleteAsync(tenantId, giftId, ifMatch, cancellationToken);

    public Task<Page<Versioned<Gift>>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        _gifts.QueryAsync(tenantId, columnFilter: null, page, cancellationToken);
}
