using LiveServerless.Domain.Tenants;
using LiveServerless.Domain.Users;

namespace LiveServerless.Functions.Auth;

/// <summary>An authenticated caller inside a tenant.</summary>
public abstract record Caller(string TenantId);

/// <summary>A partner's backend, authenticated by an API key; the tenant is implied by the key.</summary>
public sealed record Partner(string TenantId, string KeyId, IReadOnlyList<PartnerScope> Scopes) : Caller(TenantId);

/// <summary>An end user of a partner's app, authenticated by a user access token.</summary>
public sealed record WebUser(string TenantId, string UserId, UserRole Role) : Caller(TenantId)
{
    /// <summary>When the token the user presented expires; nothing derived from it (a SignalR access token) may outlive it.</summary>
    public DateTimeOffset TokenExpiresAt { get; init; } = DateTimeOffset.MaxValue;
}
