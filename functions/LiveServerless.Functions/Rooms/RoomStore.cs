using Azure.Data.Tables;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Rooms;

/// <summary>Rooms in Azure Tables: partition = tenant, row = room id, with the status as a plain column for ?status= filters.</summary>
public sealed class RoomStore(TableProvider tables)
{
    private const string StatusColumn = "Status";

    private readonly DocumentTable<Room> _rooms = new(tables, TableNames.Rooms, "Room");

    public Task<Versioned<Room>> AddAsync(Room room, CancellationToken cancellationToken) =>
        _rooms.AddAsync(room.TenantId, room.Id, room, Columns(room), cancellationToken);

    public Task<Versioned<Room>?> GetAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        _rooms.GetAsync(tenantId, roomId, cancellationToken);

    public Task<Versioned<Room>> GetRequiredAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        _rooms.GetRequiredAsync(tenantId, roomId, cancellationToken);

    public Task<Versioned<Room>> UpdateAsync(string tenantId, string roomId, Func<Room, Room> change, string? ifMatch, CancellationToken cancellationToken) =>
        _rooms.UpdateAsync(tenantId, roomId, change, ifMatch, Columns, cancellationToken);

    public Task DeleteAsync(string tenantId, string roomId, string? ifMatch, CancellationToken cancellationToken) =>
        _rooms.DeleteAsync(tenantId, roomId, ifMatch, cancellationToken);

    public Task<Page<Versioned<Room>>> ListAsync(string tenantId, RoomStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var filter = status is null ? null : TableClient.CreateQueryFilter($"Status eq {StatusName(status.Value)}");
        return _rooms.QueryAsync(tenantId, filter, page, cancellationToken);
    }

    /// <summary>The ids of every room of the tenant, whatever their status (for sweeps such as an erasure).</summary>
    public async IAsyncEnumerable<string> IdsAsync(string tenantId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (_, roomId) in _rooms.ScanKeysAsync(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}"), cancellationToken))
        {
            yield return roomId;
        }
    }

    private static Dictionary<string, object> Columns(Room room) => new() { [StatusColumn] = StatusName(room.Status) };

    private static string StatusName(RoomStatus status) => status.ToString().ToLowerInvariant();
}
