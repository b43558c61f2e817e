using LiveServerless.Domain.Common;
using LiveServerless.Domain.Tenants;
using LiveServerless.Domain.Users;

namespace LiveServerless.Functions.Auth;

/// <summary>
/// Where the guard finds a partner key by id. The tenants' store implements it; the guard sits below every capability, so it names
/// what it reads rather than the capabilities that keep it.
/// </summary>
public interface IPartnerKeyLookup
{
    Task<PartnerKey?> GetKeyAsync(string tenantId, string keyId, CancellationToken cancellationToken);
}

/// <summary>Where the guard finds the record of a user a token names (the users' store implements it).</summary>
public interface IUserRecordLookup
{
    Task<Versioned<User>?> GetAsync(string tenantId, string userId, CancellationToken cancellationToken);
}
