using LiveServerless.Domain.Tenants;
using LiveServerless.Domain.Users;

namespace LiveServerless.Functions.Auth;

/// <summary>A partner's backend, authenticated by an API key; the tenant is implied by the key.</summary>
public sealed record Partner(string TenantId, string KeyId, IReadOnlyList<PartnerScope> Scopes);

/// <summary>An end user of a partner's app, authenticated by a user access token.</summary>
public sealed record WebUser(string TenantId, string UserId, UserRole Role);
