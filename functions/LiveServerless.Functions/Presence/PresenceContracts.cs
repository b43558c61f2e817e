using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Presence;
using LiveServerless.Domain.Rooms;

namespace LiveServerless.Functions.Presence;

public sealed record PinnedResponse(ChatMessage Message, DateTimeOffset ExpiresAt);

/// <summary>
/// What a joining client needs: the audience size, the pinned message, how often to send heartbeats, and whether live pushes
/// reach it yet (<c>live: false</c> while SignalR Service is unavailable; membership is repaired in the background and
/// history and stats catch the client up), and <c>seq</c>, the room's last event at the join: later events arrive as
/// <c>roomEvents</c>, and a client that sees a gap after it reads <c>/events?after=</c>.
/// </summary>
public sealed record JoinResponse(string RoomId, RoomStatus Status, int Viewers, PinnedResponse? Pinned, int HeartbeatSeconds, int PresenceTtlSeconds, bool Live, long Seq)
{
    public static JoinResponse From(JoinedRoom joined) => new(
        joined.RoomId,
        joined.Status,
        joined.Viewers,
        joined.Pinned is null ? null : new PinnedResponse(joined.Pinned.Message, joined.Pinned.ExpiresAt),
        (int)ViewerPresence.HeartbeatInterval.TotalSeconds,
        (int)ViewerPresence.Ttl.TotalSeconds,
        joined.Live,
        joined.Seq);
}

/// <summary>A viewer as others see them; the presence row's watch-time bookkeeping stays on the server.</summary>
public sealed record ViewerResponse(string UserId, string DisplayName, DateTimeOffset JoinedAt, DateTimeOffset LastSeenAt)
{
    public static ViewerResponse From(ViewerPresence viewer) => new(viewer.UserId, viewer.DisplayName, viewer.JoinedAt, viewer.LastSeenAt);
}

public sealed record ViewersResponse(string RoomId, int Count, IReadOnlyList<ViewerResponse> Items, string? ContinuationToken)
{
    public static ViewersResponse From(ViewerPage page) =>
        new(page.RoomId, page.Count, page.Viewers.Items.Select(ViewerResponse.From).ToArray(), page.Viewers.ContinuationToken);
}

/// <summary>A room the user is present in (or was last seen in, until the sweep removes them), as the user's export lists it.</summary>
public sealed record ExportedPresence(string RoomId, DateTimeOffset JoinedAt, DateTimeOffset LastSeenAt);
