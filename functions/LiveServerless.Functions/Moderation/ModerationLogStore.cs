using LiveServerless.Domain.Common;
using LiveServerless.Domain.Moderation;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.UserData;
using LiveServerless.Functions.Rooms;

namespace LiveServerless.Functions.Moderation;

/// <summary>The audit log of a room's moderation, newest first (row keys are newest-first ids).</summary>
public sealed class ModerationLogStore(TableProvider tables) : IUserDataEraser, IUserDataExporter, IRoomDataEraser
{
    /// <summary>What an erased user's id becomes in the audit log.</summary>
    public const string ErasedUserId = "erased-user";

    private readonly DocumentTable<ModerationAction> _actions = new(tables, TableNames.ModerationLog, "Moderation action");

    public Task AddAsync(string tenantId, ModerationAction action, CancellationToken cancellationToken) =>
        _actions.AddAsync(TableNames.Scoped(tenantId, action.RoomId), action.Id, action, columns: null, cancellationToken);

    /// <summary>
    /// Anonymises every entry of the tenant that names the user, as the target or as the moderator (erasure): the entry stays —
    /// the room's audit trail must not lose an action — with the user's id replaced by <see cref="ErasedUserId"/> and the free-text
    /// reason dropped. Idempotent.
    /// </summary>
    public async Task AnonymiseUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        await foreach (var (partitionKey, rowKey, action) in _actions.ScanWithKeysAsync(TableNames.TenantPartitions(tenantId), cancellationToken))
        {
            var isTarget = action.UserId == userId;
            var isModerator = action.By.Kind == Moderator.UserKind && action.By.Id == userId;
            if (isTarget || isModerator)
            {
                var anonymised = action with
                {
                    UserId = isTarget ? ErasedUserId : action.UserId,
                    By = isModerator ? action.By with { Id = ErasedUserId } : action.By,
                    Reason = null,
                };
                await _actions.UpsertAsync(partitionKey, rowKey, anonymised, columns: null, cancellationToken);
            }
        }
    }

    /// <summary>Every entry of the tenant naming the user, as the target or as the moderator (privacy export).</summary>
    public async Task<IReadOnlyList<ModerationAction>> ListNamingAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var found = new List<ModerationAction>();
        await foreach (var (_, _, action) in _actions.ScanWithKeysAsync(TableNames.TenantPartitions(tenantId), cancellationToken))
        {
            if (action.UserId == userId || (action.By.Kind == Moderator.UserKind && action.By.Id == userId))
            {
                found.Add(action);
            }
        }

        return found;
    }

    /// <summary>Deletes the room's audit log with the room (room delete); idempotent.</summary>
    public Task DeleteRoomAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        _actions.DeletePartitionAsync(TableNames.Scoped(tenantId, roomId), cancellationToken);

    public async Task<Page<ModerationAction>> ListAsync(string tenantId, string roomId, PageRequest page, CancellationToken cancellationToken) =>
        (await _actions.QueryAsync(TableNames.Scoped(tenantId, roomId), columnFilter: null, page, cancellationToken)).Map(v => v.Value);

    string IUserDataEraser.Store => "moderationLog";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        AnonymiseUserAsync(tenantId, userId, cancellationToken);

    string IUserDataExporter.Section => "moderationEntries";

    async Task<object?> IUserDataExporter.ExportUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        await ListNamingAsync(tenantId, userId, cancellationToken);

    Task IRoomDataEraser.DeleteRoomDataAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        DeleteRoomAsync(tenantId, roomId, cancellationToken);
}
