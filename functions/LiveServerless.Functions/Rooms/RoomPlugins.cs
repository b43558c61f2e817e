namespace LiveServerless.Functions.Rooms;

/// <summary>
/// A store that keeps data about rooms (the room's log, moderation log, presence, statistics). Deleting a room deletes each store's
/// part first, in registration order, and the room record last, so an interrupted delete is completed by the client's retry.
/// Rooms needs nothing else of those capabilities, and they add themselves by implementing this.
/// </summary>
public interface IRoomDataEraser
{
    /// <summary>Removes everything the store keeps about the room. Idempotent.</summary>
    Task DeleteRoomDataAsync(string tenantId, string roomId, CancellationToken cancellationToken);
}

/// <summary>Hears of every change to a room's settings or lifecycle after it is written (chat's lanes start over on the changed room).</summary>
public interface IRoomChangeListener
{
    Task RoomChangedAsync(string tenantId, string roomId, CancellationToken cancellationToken);
}
