using LiveServerless.Domain.Common;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Users;

namespace LiveServerless.Functions.Rooms;

/// <summary>Room management and lifecycle, always inside the caller's tenant.</summary>
public sealed class RoomService(RoomStore rooms, UserStore users, TimeProvider time)
{
    /// <summary>The host must be a user of the same tenant; like any other tenant's object, a foreign host is simply not found (404).</summary>
    public async Task<Versioned<Room>> CreateAsync(string tenantId, NewRoom draft, CancellationToken cancellationToken)
    {
        var room = Room.Create(tenantId, draft, time.GetUtcNow());
        await users.GetRequiredAsync(tenantId, room.HostUserId, cancellationToken);
        return await rooms.AddAsync(room, cancellationToken);
    }

    public Task<Versioned<Room>> GetAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        rooms.GetRequiredAsync(tenantId, roomId, cancellationToken);

    public Task<Page<Versioned<Room>>> ListAsync(string tenantId, RoomStatus? status, PageRequest page, CancellationToken cancellationToken) =>
        rooms.ListAsync(tenantId, status, page, cancellationToken);

    public Task<Versioned<Room>> UpdateAsync(string tenantId, string roomId, RoomChanges changes, string? ifMatch, CancellationToken cancellationToken) =>
        rooms.UpdateAsync(tenantId, roomId, room => room.Apply(changes, time.GetUtcNow()), ifMatch, cancellationToken);

    public Task DeleteAsync(string tenantId, string roomId, string? ifMatch, CancellationToken cancellationToken) =>
        rooms.DeleteAsync(tenantId, roomId, ifMatch, cancellationToken);

    public Task<Versioned<Room>> StartAsync(string tenantId, string roomId, string? ifMatch, CancellationToken cancellationToken) =>
        rooms.UpdateAsync(tenantId, roomId, room => room.Start(time.GetUtcNow()), ifMatch, cancellationToken);

    public Task<Versioned<Room>> EndAsync(string tenantId, string roomId, string? ifMatch, CancellationToken cancellationToken) =>
        rooms.UpdateAsync(tenantId, roomId, room => room.End(time.GetUtcNow()), ifMatch, cancellationToken);
}
