using LiveServerless.Domain.Common;
using LiveServerless.Domain.Tenants;

namespace LiveServerless.Functions.Tenants;

public sealed record CreateTenantRequest(string? Name);

/// <summary>
/// JSON merge-patch of a tenant: <c>{name?, revenueShare?, quotas?}</c> (the hosts' share of every gift, 0 to 1; the tenant's limits,
/// replaced whole, a null field meaning the platform default).
/// </summary>
public sealed record UpdateTenantRequest
{
    public Optional<string?> Name { get; init; }

    public Optional<decimal?> RevenueShare { get; init; }

    public Optional<Quotas?> Quotas { get; init; }

    public TenantChanges ToChanges() => new(Name, RevenueShare, Quotas);
}

public sealed record TenantResponse(string Id, string Name, DateTimeOffset CreatedAt, decimal RevenueShare, Quotas Quotas)
{
    public static TenantResponse From(Tenant tenant) => new(tenant.Id, tenant.Name, tenant.CreatedAt, tenant.RevenueShare, tenant.Quotas ?? Quotas.Defaults);
}

public sealed record IssueKeyRequest(IReadOnlyList<PartnerScope>? Scopes, string? Name);

/// <summary>The only response that ever carries a key's secret: the full value to send as X-Api-Key.</summary>
public sealed record IssuedKeyResponse(string Id, string Secret, IReadOnlyList<PartnerScope> Scopes, string? Name, DateTimeOffset CreatedAt)
{
    public static IssuedKeyResponse From(PartnerKey key, ApiKeyCredential credential) =>
        new(key.Id, credential.Value, key.Scopes, key.Name, key.CreatedAt);
}

public sealed record KeyResponse(string Id, IReadOnlyList<PartnerScope> Scopes, string? Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static KeyResponse From(PartnerKey key) => new(key.Id, key.Scopes, key.Name, key.CreatedAt, key.RevokedAt);
}
