using LiveServerless.Domain.Common;
using LiveServerless.Domain.Users;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.UserData;
using LiveServerless.Functions.Auth;

namespace LiveServerless.Functions.Users;

/// <summary>Users in Azure Tables: partition = tenant, row = user id, so a tenant's users list with one partition query.</summary>
public sealed class UserStore(TableProvider tables) : IUserDataEraser, IUserRecordLookup
{
    private readonly DocumentTable<User> _users = new(tables, TableNames.Users, "User");

    public Task<Versioned<User>> AddAsync(User user, CancellationToken cancellationToken) =>
        _users.AddAsync(user.TenantId, user.Id, user, columns: null, cancellationToken);

    public Task<Versioned<User>?> GetAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        _users.GetAsync(tenantId, userId, cancellationToken);

    public Task<Versioned<User>> GetRequiredAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        _users.GetRequiredAsync(tenantId, userId, cancellationToken);

    public Task<Versioned<User>> UpdateAsync(string tenantId, string userId, Func<User, User> change, string? ifMatch, CancellationToken cancellationToken) =>
        _users.UpdateAsync(tenantId, userId, change, ifMatch, columns: null, cancellationToken);

    public Task DeleteAsync(string tenantId, string userId, string? ifMatch, CancellationToken cancellationToken) =>
        _users.DeleteAsync(tenantId, userId, ifMatch, cancellationToken);

    /// <summary>Deletes the user if there is one (erasure); idempotent.</summary>
    public Task EraseAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        _users.DeleteIfExistsAsync(tenantId, userId, cancellationToken);

    public Task<Page<Versioned<User>>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        _users.QueryAsync(tenantId, columnFilter: null, page, cancellationToken);

    string IUserDataEraser.Store => "user";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        EraseAsync(tenantId, userId, cancellationToken);
}
