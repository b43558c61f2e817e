using LiveServerless.Domain.Rooms;

namespace LiveServerless.Domain.Recommendations;

/// <summary>
/// A room that is live now, as the recommender sees it. The candidate list IS the live set: nothing outside it is ever recommended.
/// <see cref="Heat"/> is the room's decayed interaction rate from its statistics (any non-negative scale: it is normalised per request);
/// tags are expected normalised, as <see cref="Room"/> stores them.
/// </summary>
public sealed record LiveRoomCandidate(
    string RoomId,
    string Title,
    string HostUserId,
    string? Category,
    IReadOnlyList<string> Tags,
    DateTimeOffset StartedAt,
    double Heat,
    int? Viewers = null)
{
    /// <exception cref="ArgumentException">The room is not live.</exception>
    public static LiveRoomCandidate FromRoom(Room room, double heat, int? viewers = null) =>
        room is { IsLive: true, StartedAt: { } startedAt }
            ? new(room.Id, room.Title, room.HostUserId, room.Category, room.Tags, startedAt, heat, viewers)
            : throw new ArgumentException($"Room '{room.Id}' is not live.", nameof(room));
}
