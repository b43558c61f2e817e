using LiveServerless.Domain.Common;
using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Limits;

namespace LiveServerless.Functions.Tenants;

/// <summary>Tenants (one entity each) and their partner keys (partition = tenant, row = key id) in Azure Tables.</summary>
public sealed class TenantStore(TableProvider tables) : IPartnerKeyLookup, ITenantQuotasLookup
{
    private const string TenantRow = "tenant";

    private readonly DocumentTable<Tenant> _tenants = new(tables, TableNames.Tenants, "Tenant");

    private readonly DocumentTable<PartnerKey> _keys = new(tables, TableNames.ApiKeys, "Key");

    public Task<Versioned<Tenant>> AddTenantAsync(Tenant tenant, CancellationToken cancellationToken) =>
        _tenants.AddAsync(tenant.Id, TenantRow, tenant, columns: null, cancellationToken);

    public async Task<Tenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        (await _tenants.GetAsync(tenantId, TenantRow, cancellationToken))?.Value;

    public async Task<Tenant> UpdateTenantAsync(string tenantId, Func<Tenant, Tenant> change, string? ifMatch, CancellationToken cancellationToken) =>
        (await _tenants.UpdateAsync(tenantId, TenantRow, change, ifMatch, columns: null, cancellationToken)).Value;

    public async Task<Quotas?> GetQuotasAsync(string tenantId, CancellationToken cancellationToken) =>
        (await GetTenantAsync(tenantId, cancellationToken))?.Quotas;

    public Task<Versioned<PartnerKey>> AddKeyAsync(PartnerKey key, CancellationToken cancellationToken) =>
        _keys.AddAsync(key.TenantId, key.Id, key, columns: null, cancellationToken);

    public async Task<PartnerKey?> GetKeyAsync(string tenantId, string keyId, CancellationToken cancellationToken) =>
        (await _keys.GetAsync(tenantId, keyId, cancellationToken))?.Value;

    public async Task<PartnerKey> UpdateKeyAsync(string tenantId, string keyId, Func<PartnerKey, PartnerKey> change, CancellationToken cancellationToken) =>
        (await _keys.UpdateAsync(tenantId, keyId, change, ifMatch: null, columns: null, cancellationToken)).Value;

    public async Task<Page<PartnerKey>> ListKeysAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        (await _keys.QueryAsync(tenantId, columnFilter: null, page, cancellationToken)).Map(v => v.Value);
}
