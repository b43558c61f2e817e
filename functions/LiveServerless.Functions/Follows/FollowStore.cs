using LiveServerless.Functions.Storage;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Follows;

public sealed record Follow(string FollowerId, string HostUserId, DateTimeOffset Since);

/// <summary>Follow edges (follower → host), written when a follow interaction is accepted and read by followers-only chat.</summary>
public sealed class FollowStore(TableProvider tables) : IUserDataEraser, IUserDataExporter
{
    private readonly DocumentTable<Follow> _follows = new(tables, TableNames.Follows, "Follow");

    public async Task<bool> IsFollowingAsync(string tenantId, string followerId, string hostUserId, CancellationToken cancellationToken) =>
        await _follows.GetAsync(TableNames.Scoped(tenantId, followerId), hostUserId, cancellationToken) is not null;

    public async Task<IReadOnlyList<Follow>> ListFollowingAsync(string tenantId, string followerId, CancellationToken cancellationToken)
    {
        var follows = new List<Follow>();
        string? token = null;
        do
        {
            var page = await _follows.QueryAsync(TableNames.Scoped(tenantId, followerId), columnFilter: null, new Domain.Common.PageRequest(Domain.Common.PageRequest.MaxLimit, token), cancellationToken);
            follows.AddRange(page.Items.Select(v => v.Value));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return follows;
    }

    public Task ForgetFollowerAsync(string tenantId, string followerId, CancellationToken cancellationToken) =>
        _follows.DeletePartitionAsync(TableNames.Scoped(tenantId, followerId), cancellationToken);

    /// <summary>Forgets every edge to or from the user (erasure): the user's own follows and everyone following them as a host.</summary>
    public async Task ForgetUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        await ForgetFollowerAsync(tenantId, userId, cancellationToken);
        var followers = TableNames.TenantPartitions(tenantId) + " and " + Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey eq {userId}");
        await foreach (var (partitionKey, rowKey) in _follows.ScanKeysAsync(followers, cancellationToken))
        {
            await _follows.DeleteIfExistsAsync(partitionKey, rowKey, cancellationToken);
        }
    }

    public Task FollowAsync(string tenantId, Follow follow, CancellationToken cancellationToken) =>
        _follows.UpsertAsync(TableNames.Scoped(tenantId, follow.FollowerId), follow.HostUserId, follow, columns: null, cancellationToken);

    string IUserDataEraser.Store => "follows";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        ForgetUserAsync(tenantId, userId, cancellationToken);

    string IUserDataExporter.Section => "follows";

    async Task<object?> IUserDataExporter.ExportUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        await ListFollowingAsync(tenantId, userId, cancellationToken);
}
