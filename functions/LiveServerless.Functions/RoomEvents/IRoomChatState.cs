using LiveServerless.Domain.Chat;

namespace LiveServerless.Functions.RoomEvents;

/// <summary>
/// The chat state of a room as the room log needs it: the lanes judge posts on the room's bans, mutes and (under slow mode) last
/// message times, and a banned viewer may not read the room's events. Chat's state store implements it; the log names what it reads,
/// not the capability that keeps it.
/// </summary>
public interface IRoomChatState
{
    /// <summary>Every banned or muted user of the room.</summary>
    Task<IReadOnlyDictionary<string, Chatter>> ListModeratedAsync(string tenantId, string roomId, CancellationToken cancellationToken);

    Task<DateTimeOffset?> GetLastMessageAtAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken);

    Task<bool> IsBannedAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken);
}
