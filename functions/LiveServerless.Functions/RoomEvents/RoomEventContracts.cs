namespace LiveServerless.Functions.RoomEvents;

/// <summary>The types of room events; each one's <c>data</c> is the payload documented in README "Real-time events".</summary>
public static class RoomEventTypes
{
    public const string ChatMessage = "chatMessage";

    public const string MessageDeleted = "messageDeleted";

    public const string Moderation = "moderation";

    public const string Pinned = "pinned";

    public const string Viewers = "viewers";

    public const string RoomStats = "roomStats";
}

/// <summary>
/// One event of a room, at its place <see cref="Seq"/> in the room's order (strictly increasing and gap-free per room, the same
/// for every client). <see cref="Data"/> is the typed payload when the event was just written, its JSON when read back.
/// </summary>
public sealed record RoomEvent(long Seq, string Type, DateTimeOffset At, object Data);

/// <summary>The one argument of the SignalR target <c>roomEvents</c>: a room's events of one delivery window, oldest first.</summary>
public sealed record RoomEventsBatch(string RoomId, IReadOnlyList<RoomEvent> Events);
