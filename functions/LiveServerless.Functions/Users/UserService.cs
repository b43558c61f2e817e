using LiveServerless.Domain.Common;
using LiveServerless.Domain.Users;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Users;

/// <summary>Partner-facing user management and user-token minting, always inside the caller's tenant.</summary>
public sealed class UserService(UserStore store, UserDataExports userData, IUserIdReservations reservations, UserTokens tokens, TokenStampStore stamps, TimeProvider time)
{
    /// <summary>A new user; an id whose erasure is still running cannot be taken yet (a finished erasure leaves nothing to inherit).</summary>
    public async Task<Versioned<User>> CreateAsync(string tenantId, NewUser draft, CancellationToken cancellationToken)
    {
        var user = User.Create(tenantId, draft, time.GetUtcNow());
        await reservations.RequireNotErasingAsync(tenantId, user.Id, cancellationToken);
        return await store.AddAsync(user, cancellationToken);
    }

    public Task<Versioned<User>> GetAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        store.GetRequiredAsync(tenantId, userId, cancellationToken);

    public Task<Page<Versioned<User>>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        store.ListAsync(tenantId, page, cancellationToken);

    public Task<Versioned<User>> UpdateAsync(string tenantId, string userId, UserChanges changes, string? ifMatch, CancellationToken cancellationToken) =>
        store.UpdateAsync(tenantId, userId, user => user.Apply(changes, time.GetUtcNow()), ifMatch, cancellationToken);

    /// <summary>Everything stored about the user: the record, and each user-data store's part.</summary>
    public async Task<UserExport> ExportAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var user = await store.GetRequiredAsync(tenantId, userId, cancellationToken);
        var sections = await userData.CollectAsync(tenantId, userId, cancellationToken);
        return new UserExport(user.Value, sections, time.GetUtcNow());
    }

    /// <summary>Mints a token for an existing user of the tenant; the lifetime is capped by configuration.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> MintTokenAsync(
        string tenantId, string userId, int? lifetimeMinutes, CancellationToken cancellationToken)
    {
        var maxMinutes = (int)tokens.MaxLifetime.TotalMinutes;
        if (lifetimeMinutes is < 1 || lifetimeMinutes > maxMinutes)
        {
            throw ValidationException.ForField("lifetimeMinutes", $"must be between 1 and {maxMinutes}");
        }

        var userRead = store.GetRequiredAsync(tenantId, userId, cancellationToken);
        var stampRead = stamps.GetAsync(tenantId, userId, cancellationToken);
        await Task.WhenAll(userRead, stampRead);
        var user = (await userRead).Value;
        return tokens.Mint(tenantId, user.Id, user.Role, await stampRead, lifetimeMinutes is null ? null : TimeSpan.FromMinutes(lifetimeMinutes.Value));
    }

    /// <summary>Every token minted for the user so far stops working at once; tokens minted afterwards work.</summary>
    public async Task RevokeTokensAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        await store.GetRequiredAsync(tenantId, userId, cancellationToken);
        await stamps.RenewAsync(tenantId, userId, cancellationToken);
    }
}

/// <summary>A privacy request's answer: the user record and every user-data store's section, keyed by section name.</summary>
public sealed record UserExport(User User, IReadOnlyDictionary<string, object?> Sections, DateTimeOffset ExportedAt);
