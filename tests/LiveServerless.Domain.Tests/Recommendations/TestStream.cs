using System.Text.Json;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Recommendations;

namespace LiveServerless.Domain.Tests.Recommendations;

/// <summary>Events, rooms and stream positions for tests: one user ("u1") on partition "0" unless told otherwise.</summary>
internal static class TestStream
{
    /// <summary>A Monday, 20:00 UTC.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 20, 0, 0, TimeSpan.Zero);

    public static Interaction Event(
        InteractionType type,
        DateTimeOffset? at = null,
        string room = "r-jazz",
        string host = "h-jazz",
        string? category = "music",
        string[]? tags = null,
        int count = 1,
        decimal unitValue = 0,
        int watchSeconds = 0,
        string user = "u1") => new()
        {
            Id = Guid.NewGuid().ToString("N"),
            TenantId = "t1",
            UserId = user,
            RoomId = room,
            Type = type,
            OccurredAt = at ?? T0,
            HostUserId = host,
            RoomCategory = category,
            RoomTags = tags ?? ["jazz", "piano"],
            Count = count,
            UnitValue = unitValue,
            WatchSeconds = watchSeconds,
        };

    public static Interaction Watch(int seconds, DateTimeOffset? at = null, string room = "r-jazz", string host = "h-jazz", string? category = "music", string[]? tags = null) =>
        Event(InteractionType.Watch, at, room, host, category, tags, watchSeconds: seconds);

    /// <summary>Numbers events in stream order on one partition, from <paramref name="firstSequenceNumber"/>.</summary>
    public static IReadOnlyList<StreamedInteraction> Numbered(IEnumerable<Interaction> events, long firstSequenceNumber = 1, string partitionId = "0") =>
        events.Select((e, i) => new StreamedInteraction(e, partitionId, firstSequenceNumber + i)).ToArray();

    public static IReadOnlyList<StreamedInteraction> Numbered(params Interaction[] events) => Numbered(events, 1);

    public static LiveRoomCandidate Candidate(
        string id, string host, string? category, string[] tags, double heat = 1, DateTimeOffset? startedAt = null, int? viewers = null) =>
        new(id, "Room " + id, host, category, tags, startedAt ?? T0.AddHours(-1), heat, viewers);

    /// <summary>The document as it would be stored: the canonical form for "nothing changed" and "same result" assertions.</summary>
    public static string Json<T>(T document) => JsonSerializer.Serialize(document, JsonSerializerOptions.Web);
}
