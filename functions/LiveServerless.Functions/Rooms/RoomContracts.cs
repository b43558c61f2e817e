using LiveServerless.Domain.Common;
using LiveServerless.Domain.Rooms;

namespace LiveServerless.Functions.Rooms;

/// <summary>Chat settings are flat fields of the room, each with a default.</summary>
public sealed record CreateRoomRequest(
    string? Id,
    string? HostUserId,
    string? Title,
    string? Category,
    IReadOnlyList<string>? Tags,
    int? SlowModeSeconds,
    int? MaxMessageLength,
    bool? FollowersOnly,
    IReadOnlyList<string>? BannedWords)
{
    public NewRoom ToDraft() => new(Id, HostUserId, Title, Category, Tags, SlowModeSeconds, MaxMessageLength, FollowersOnly, BannedWords);
}

/// <summary>JSON merge-patch of a room's description and chat settings. Host and status are not patchable (start/end move the status).</summary>
public sealed record UpdateRoomRequest
{
    public Optional<string?> Title { get; init; }

    public Optional<string?> Category { get; init; }

    public Optional<IReadOnlyList<string>?> Tags { get; init; }

    public Optional<int?> SlowModeSeconds { get; init; }

    public Optional<int?> MaxMessageLength { get; init; }

    public Optional<bool?> FollowersOnly { get; init; }

    public Optional<IReadOnlyList<string>?> BannedWords { get; init; }

    public RoomChanges ToChanges() => new(Title, Category, Tags, SlowModeSeconds, MaxMessageLength, FollowersOnly, BannedWords);
}

public sealed record RoomResponse(
    string Id,
    string HostUserId,
    string Title,
    string? Category,
    IReadOnlyList<string> Tags,
    RoomStatus Status,
    int SlowModeSeconds,
    int MaxMessageLength,
    bool FollowersOnly,
    IReadOnlyList<string> BannedWords,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt)
{
    public static RoomResponse From(Versioned<Room> versioned) => From(versioned.Value);

    public static RoomResponse From(Room room) => new(
        room.Id, room.HostUserId, room.Title, room.Category, room.Tags, room.Status,
        room.Chat.SlowModeSeconds, room.Chat.MaxMessageLength, room.Chat.FollowersOnly, room.Chat.BannedWords,
        room.CreatedAt, room.UpdatedAt, room.StartedAt, room.EndedAt);
}
