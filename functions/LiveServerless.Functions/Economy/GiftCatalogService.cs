using LiveServerless.Domain.Common;
using LiveServerless.Domain.Economy;

namespace LiveServerless.Functions.Economy;

/// <summary>A tenant's gift catalog: partners define gifts and their prices; clients read it; ingest prices gifts from it.</summary>
public sealed class GiftCatalogService(GiftCatalogStore store, TimeProvider time)
{
    public Task<(Versioned<Gift> Gift, bool Created)> PutAsync(
        string tenantId, string giftId, GiftDefinition definition, string? ifMatch, CancellationToken cancellationToken) =>
        store.PutAsync(tenantId, Gift.Define(giftId, definition, time.GetUtcNow()), ifMatch, cancellationToken);

    public Task<Versioned<Gift>> GetAsync(string tenantId, string giftId, CancellationToken cancellationToken) =>
        store.GetRequiredAsync(tenantId, giftId, cancellationToken);

    public Task<Page<Versioned<Gift>>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        store.ListAsync(tenantId, page, cancellationToken);

    public Task DeleteAsync(string tenantId, string giftId, string? ifMatch, CancellationToken cancellationToken) =>
        store.DeleteAsync(tenantId, giftId, ifMatch, cancellationToken);

    /// <summary>
    /// The catalog's gifts that <paramref name="giftIds"/> name and that can be sent now (active); unknown or inactive ids are absent.
    /// One point read per distinct gift.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Gift>> SendableAsync(string tenantId, IEnumerable<string> giftIds, CancellationToken cancellationToken)
    {
        var reads = giftIds.Distinct(StringComparer.Ordinal).Select(id => store.GetAsync(tenantId, id, cancellationToken)).ToArray();
        var gifts = await Task.WhenAll(reads);
        return gifts.Where(g => g is { Value.Active: true }).ToDictionary(g => g!.Value.Id, g => g!.Value, StringComparer.Ordinal);
    }
}
