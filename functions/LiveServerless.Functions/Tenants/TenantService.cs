using LiveServerless.Domain.Common;
using LiveServerless.Domain.Tenants;

namespace LiveServerless.Functions.Tenants;

/// <summary>Creates tenants and manages their partner keys (admin operations).</summary>
public sealed class TenantService(TenantStore store, TimeProvider time)
{
    public async Task<Tenant> CreateAsync(string? name, CancellationToken cancellationToken)
    {
        var tenant = Tenant.Create(name, time.GetUtcNow());
        await store.AddTenantAsync(tenant, cancellationToken);
        return tenant;
    }

    public async Task<Tenant> GetAsync(string tenantId, CancellationToken cancellationToken) =>
        await store.GetTenantAsync(tenantId, cancellationToken) ?? throw new NotFoundException("Tenant", tenantId);

    /// <summary>Renames the tenant or changes its hosts' revenue share; gifts already accepted keep the share they were accepted with.</summary>
    public Task<Tenant> UpdateAsync(string tenantId, TenantChanges changes, string? ifMatch, CancellationToken cancellationToken) =>
        store.UpdateTenantAsync(tenantId, tenant => tenant.Apply(changes), ifMatch, cancellationToken);

    public async Task<(PartnerKey Key, ApiKeyCredential Credential)> IssueKeyAsync(
        string tenantId, string? name, IReadOnlyList<PartnerScope>? scopes, CancellationToken cancellationToken)
    {
        await GetAsync(tenantId, cancellationToken);
        var (key, credential) = PartnerKey.Issue(tenantId, name, scopes, time.GetUtcNow());
        await store.AddKeyAsync(key, cancellationToken);
        return (key, credential);
    }

    /// <summary>Revoking is idempotent: revoking a revoked key succeeds and keeps the first revocation time.</summary>
    public Task<PartnerKey> RevokeKeyAsync(string tenantId, string keyId, CancellationToken cancellationToken) =>
        store.UpdateKeyAsync(tenantId, keyId, key => key.Revoke(time.GetUtcNow()), cancellationToken);

    public async Task<Page<PartnerKey>> ListKeysAsync(string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        await GetAsync(tenantId, cancellationToken);
        return await store.ListKeysAsync(tenantId, page, cancellationToken);
    }
}
