using Azure.Data.Tables;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Presence;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.UserData;
using LiveServerless.Functions.Rooms;

namespace LiveServerless.Functions.Presence;

/// <summary>Who is in which room: partition = tenant:room, row = user id, with LastSeenAt as a column for TTL filters.</summary>
public sealed class PresenceStore(TableProvider tables) : IUserDataEraser, IUserDataExporter, IRoomDataEraser
{
    private const string LastSeenColumn = "LastSeenAt";

    private readonly DocumentTable<ViewerPresence> _presence = new(tables, TableNames.Presence, "Viewer");

    public async Task<ViewerPresence?> GetAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        (await _presence.GetAsync(TableNames.Scoped(tenantId, roomId), userId, cancellationToken))?.Value;

    /// <summary>The stored row with its version, for writes that must not overwrite a concurrent one (the watch-time credit mark).</summary>
    public Task<Versioned<ViewerPresence>?> GetVersionedAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        _presence.GetAsync(TableNames.Scoped(tenantId, roomId), userId, cancellationToken);

    /// <summary>
    /// Stores the row only if the stored one is still <paramref name="read"/> (null: only if there is none); false when another request
    /// wrote or removed it meanwhile.
    /// </summary>
    public async Task<bool> TryWriteAsync(string tenantId, string roomId, ViewerPresence viewer, Versioned<ViewerPresence>? read, CancellationToken cancellationToken) =>
        await _presence.TryWriteAsync(TableNames.Scoped(tenantId, roomId), viewer.UserId, viewer, read?.ETag, Columns(viewer), cancellationToken) is not null;

    public Task UpsertAsync(string tenantId, string roomId, ViewerPresence viewer, CancellationToken cancellationToken) =>
        _presence.UpsertAsync(TableNames.Scoped(tenantId, roomId), viewer.UserId, viewer, Columns(viewer), cancellationToken);

    public Task<bool> RemoveAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        _presence.DeleteIfExistsAsync(TableNames.Scoped(tenantId, roomId), userId, cancellationToken);

    public Task<int> CountActiveAsync(string tenantId, string roomId, DateTimeOffset now, CancellationToken cancellationToken) =>
        _presence.CountAsync(TableNames.Scoped(tenantId, roomId), ActiveFilter(now), cancellationToken);

    public async Task<Page<ViewerPresence>> ListActiveAsync(string tenantId, string roomId, DateTimeOffset now, PageRequest page, CancellationToken cancellationToken) =>
        (await _presence.QueryAsync(TableNames.Scoped(tenantId, roomId), ActiveFilter(now), page, cancellationToken)).Map(v => v.Value);

    /// <summary>Where the user is (or was last seen) in the tenant's rooms (privacy export): (room id, presence).</summary>
    public async Task<IReadOnlyList<(string RoomId, ViewerPresence Presence)>> ListByUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var rows = TableNames.TenantPartitions(tenantId) + " and " + TableClient.CreateQueryFilter($"RowKey eq {userId}");
        var found = new List<(string, ViewerPresence)>();
        await foreach (var (partitionKey, _, viewer) in _presence.ScanWithKeysAsync(rows, cancellationToken))
        {
            found.Add((partitionKey[(tenantId.Length + 1)..], viewer));
        }

        return found;
    }

    /// <summary>Deletes the room's presence rows (room delete); idempotent.</summary>
    public Task DeleteRoomAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        _presence.DeletePartitionAsync(TableNames.Scoped(tenantId, roomId), cancellationToken);

    /// <summary>Takes the user out of every room of the tenant (erasure); idempotent.</summary>
    public async Task ForgetUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var rows = TableNames.TenantPartitions(tenantId) + " and " + TableClient.CreateQueryFilter($"RowKey eq {userId}");
        await foreach (var (partitionKey, rowKey) in _presence.ScanKeysAsync(rows, cancellationToken))
        {
            await _presence.DeleteIfExistsAsync(partitionKey, rowKey, cancellationToken);
        }
    }

    /// <summary>Every viewer, in any room, not heard of within the TTL: (tenant:room, user id).</summary>
    public IAsyncEnumerable<(string PartitionKey, string RowKey)> ExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _presence.ScanKeysAsync(TableClient.CreateQueryFilter($"LastSeenAt lt {ViewerPresence.ActiveSince(now)}"), cancellationToken);

    private static string ActiveFilter(DateTimeOffset now) => TableClient.CreateQueryFilter($"LastSeenAt ge {ViewerPresence.ActiveSince(now)}");

    private static Dictionary<string, object> Columns(ViewerPresence viewer) => new() { [LastSeenColumn] = viewer.LastSeenAt };

    string IUserDataEraser.Store => "presence";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        ForgetUserAsync(tenantId, userId, cancellationToken);

    string IUserDataExporter.Section => "presence";

    async Task<object?> IUserDataExporter.ExportUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        (await ListByUserAsync(tenantId, userId, cancellationToken))
            .Select(p => new ExportedPresence(p.RoomId, p.Presence.JoinedAt, p.Presence.LastSeenAt)).ToList();

    Task IRoomDataEraser.DeleteRoomDataAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        DeleteRoomAsync(tenantId, roomId, cancellationToken);
}
