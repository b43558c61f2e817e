using LiveServerless.Domain.Common;
using LiveServerless.Domain.Rooms;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Users;
using LiveServerless.Functions.Webhooks;

namespace LiveServerless.Functions.Rooms;

/// <summary>Room management and lifecycle, always inside the caller's tenant.</summary>
public sealed class RoomService(
    RoomStore rooms,
    UserStore users,
    IEnumerable<IRoomDataEraser> roomData,
    IEnumerable<IRoomChangeListener> changeListeners,
    WebhookOutbox webhooks,
    TimeProvider time)
{
    private readonly IReadOnlyList<IRoomDataEraser> _roomData = [.. roomData];

    private readonly IReadOnlyList<IRoomChangeListener> _changeListeners = [.. changeListeners];

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
    /// Deletes the room and everything kept about it (every <see cref="IRoomDataEraser"/>: its log, chat history and chat state, the
    /// moderation log, presence and statistics). The room record goes last, so a delete interrupted by an outage is completed by the client's retry (every step is idempotent).
    /// </summary>
    public async Task DeleteAsync(string tenantId, string roomId, string? ifMatch, CancellationToken cancellationToken)
    {
        var room = await rooms.GetRequiredAsync(tenantId, roomId, cancellationToken);
        if (ifMatch is not null && ifMatch != "*" && ifMatch != room.ETag)
        {
            throw new PreconditionFailedException($"Room '{roomId}' was changed by someone else; read it again and retry.");
        }

        foreach (var store in _roomData)
        {
            await store.DeleteRoomDataAsync(tenantId, roomId, cancellationToken);
        }

        await rooms.DeleteAsync(tenantId, roomId, ifMatch, cancellationToken);
    }

    /// <summary>Takes the room live; <c>room.started</c> is recorded before the write and delivered after it (the outbox's intent).</summary>
    public Task<Versioned<Room>> StartAsync(string tenantId, string roomId, string? ifMatch, CancellationToken cancellationToken) =>
        ChangeWithEventAsync(tenantId, roomId, (room, now) => room.Start(now), WebhookEvents.RoomStarted, ifMatch, cancellationToken);

    public Task<Versioned<Room>> EndAsync(string tenantId, string roomId, string? ifMatch, CancellationToken cancellationToken) =>
        ChangeWithEventAsync(tenantId, roomId, (room, now) => room.End(now), WebhookEvents.RoomEnded, ifMatch, cancellationToken);

    /// <summary>Every change of a room is announced to the room's log, so chat is judged on the changed room at once, on every instance.</summary>
    private async Task<Versioned<Room>> ChangeAsync(string tenantId, string roomId, Func<Room, Room> change, string? ifMatch, CancellationToken cancellationToken)
    {
        var changed = await rooms.UpdateAsync(tenantId, roomId, change, ifMatch, cancellationToken);
        await AnnounceChangeAsync(tenantId, roomId, cancellationToken);
        return changed;
    }

    /// <summary>
    /// One lifecycle change at one moment: the change is tried on the current room first (a refused change records nothing), its event
    /// is recorded, then the change is written — re-applied with the same moment if another writer got in between, so the event's time
    /// is the room's — and announced to the room's log (after the event is complete: the room did change).
    /// </summary>
    private async Task<Versioned<Room>> ChangeWithEventAsync(
        string tenantId, string roomId, Func<Room, DateTimeOffset, Room> change, Func<Room, WebhookEvent> eventOf, string? ifMatch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = await rooms.GetRequiredAsync(tenantId, roomId, cancellationToken);
        var changed = change(current.Value, now);
        var written = await webhooks.AroundAsync(eventOf(changed), () => rooms.UpdateAsync(tenantId, roomId, room => change(room, now), ifMatch, cancellationToken), cancellationToken);
        await AnnounceChangeAsync(tenantId, roomId, cancellationToken);
        return written;
    }

    private async Task AnnounceChangeAsync(string tenantId, string roomId, CancellationToken cancellationToken)
    {
        foreach (var listener in _changeListeners)
        {
            await listener.RoomChangedAsync(tenantId, roomId, cancellationToken);
        }
    }
}
