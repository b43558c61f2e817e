using LiveServerless.Domain.Tenants;
using LiveServerless.Domain.Users;
using LiveServerless.Functions.Http;

namespace LiveServerless.Functions.Auth;

/// <summary>An authenticated caller inside a tenant.</summary>
public abstract record Caller(string TenantId);

/// <summary>A partner's backend, authenticated by an API key; the tenant is implied by the key.</summary>
public sealed record Partner(string TenantId, string KeyId, IReadOnlyList<PartnerScope> Scopes) : Caller(TenantId)
{
    /// <summary>
    /// Each route demands one scope (checked by <see cref="RequestGuard"/>); some requests also need another for what they carry,
    /// e.g. giving a user a staff role needs <c>moderation</c> on top of <c>users</c>.
    /// </summary>
    public void RequireScope(PartnerScope scope, string forWhat)
    {
        if (!Scopes.Contains(scope))
        {
            throw ProblemException.Forbidden($"This key lacks the '{scope.ToString().ToLowerInvariant()}' scope, which {forWhat} needs.");
        }
    }
}

/// <summary>An end user of a partner's app, authenticated by a user access token.</summary>
public sealed record WebUser(string TenantId, string UserId, UserRole Role) : Caller(TenantId)
{
    /// <summary>When the token the user presented expires; nothing derived from it (a SignalR access token) may outlive it.</summary>
    public DateTimeOffset TokenExpiresAt { get; init; } = DateTimeOffset.MaxValue;
}
