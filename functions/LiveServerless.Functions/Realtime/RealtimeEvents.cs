using LiveServerless.Domain.Chat;

namespace LiveServerless.Functions.Realtime;

/// <summary>The SignalR targets web clients handle, one JSON argument each. README "Real-time events" documents them.</summary>
public static class RealtimeTargets
{
    /// <summary>A room's events, batched: <c>{roomId, events: [{seq, type, at, data}]}</c> (see <see cref="RoomEvents.RoomEventTypes"/>).</summary>
    public const string RoomEvents = "roomEvents";
}

public sealed record MessageDeletedEvent(string RoomId, string Id);

public sealed record ViewersEvent(string RoomId, int Count);

public sealed record PinnedEvent(string RoomId, ChatMessage? Message, DateTimeOffset? ExpiresAt);

/// <summary><c>action</c> is mute, unmute, ban, unban, slowMode or clear; <c>slowModeSeconds</c> accompanies slowMode.</summary>
public sealed record ModerationEvent(string RoomId, string Action, string? UserId, DateTimeOffset? Until, int? SlowModeSeconds = null);
