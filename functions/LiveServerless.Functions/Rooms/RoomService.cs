using LiveServerless.Domain.Common;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Moderation;
using LiveServerless.Functions.Presence;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.RoomStats;
using LiveServerless.Functions.Users;

namespace LiveServerless.Functions.Rooms;

/// <summary>Room management and lifecycle, always inside the caller's tenant.</summary>
public sealed class RoomService(
    RoomStore rooms,
    UserStore users,
    RoomLogStore roomLog,
    RoomLogWriter roomLogWriter,
    ModerationLogStore moderationLog,
    PresenceStore presence,
    RoomStatsStore stats,
    TimeProvider time)
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
        ChangeAsync(tenantId, roomId, room => room.Apply(changes, time.GetUtcNow()), ifMatch, cancellationToken);

    /// <summary>
    /// Deletes the room and everything kept about it: its log, chat history and chat state, the moderation log, presence and statistics. The
    /// room record goes last, so a delete interrupted by an outage is completed by the client's retry (every step is idempotent).
    /// </summary>
    public async Task DeleteAsync(string tenantId, string roomId, string? ifMatch, CancellationToken cancellationToken)
    {
        var room = await rooms.GetRequiredAsync(tenantId, roomId, cancellationToken);
        if (ifMatch is not null && ifMatch != "*" && ifMatch != room.ETag)
        {
            throw new PreconditionFailedException($"Room '{roomId}' was changed by someone else; read it again and retry.");
        }

        await roomLog.DeleteRoomAsync(tenantId, roomId, cancellationToken);
        await moderationLog.DeleteRoomAsync(tenantId, roomId, cancellationToken);
        await presence.DeleteRoomAsync(tenantId, roomId, cancellationToken);
        await stats.DeleteAsync(tenantId, roomId, cancellationToken);
        await rooms.DeleteAsync(tenantId, roomId, ifMatch, cancellationToken);
    }

    public Task<Versioned<Room>> StartAsync(string tenantId, string roomId, string? ifMatch, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, roomId, room => room.Start(time.GetUtcNow()), ifMatch, cancellationToken);

    public Task<Versioned<Room>> EndAsync(string tenantId, string roomId, string? ifMatch, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, roomId, room => room.End(time.GetUtcNow()), ifMatch, cancellationToken);

    /// <summary>Every change of a room is announced to the room's log, so chat is judged on the changed room at once, on every instance.</summary>
    private async Task<Versioned<Room>> ChangeAsync(string tenantId, string roomId, Func<Room, Room> change, string? ifMatch, CancellationToken cancellationToken)
    {
        var changed = await rooms.UpdateAsync(tenantId, roomId, change, ifMatch, cancellationToken);
        await roomLogWriter.RoomChangedAsync(tenantId, roomId, cancellationToken);
        return changed;
    }
}
