using LiveServerless.Domain.Common;
using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Presence;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Chat;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Streaming;
using LiveServerless.Functions.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Presence;

/// <summary>
/// <paramref name="Live"/> is false when SignalR Service could not add the viewer to the room's group yet (it is retried);
/// <paramref name="Seq"/> is the room's last event when the viewer joined (later ones arrive as <c>roomEvents</c>).
/// </summary>
public sealed record JoinedRoom(string RoomId, RoomStatus Status, int Viewers, PinnedMessage? Pinned, bool Live, long Seq);

public sealed record ViewerPage(string RoomId, int Count, Page<ViewerPresence> Viewers);

/// <summary>
/// Joining, heartbeats and leaving a room: a presence row with a TTL (the durable record), then group membership at SignalR
/// Service — which, when the service is slow or down, is left to <see cref="GroupMembershipRepairer"/> instead of failing the join.
/// The presence row is also where watch time is measured: joins, heartbeats, leaves and the sweep publish it as watch interactions
/// (<see cref="WatchTime"/>).
/// </summary>
public sealed partial class PresenceService(
    RoomStore rooms,
    UserStore users,
    ChatStateStore chatState,
    RoomLogStore roomLog,
    PresenceStore presence,
    RoomNotifier notifier,
    ViewerCountChanges changes,
    GroupMembershipRepairs repairs,
    InteractionPublisher publisher,
    IOptions<PresenceOptions> options,
    TimeProvider time,
    ILogger<PresenceService> logger)
{
    /// <summary>
    /// How long a watch publish may hold up the request that triggered it. The stream's own retries can take half a minute; a heartbeat
    /// should not, and the span is published again by the next heartbeat anyway.
    /// </summary>
    private static readonly TimeSpan WatchPublishTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A heartbeat that keeps losing races with the same viewer's other requests gives up (409) rather than spin.</summary>
    private const int MaxSightingAttempts = 5;

    private readonly TimeSpan _creditEvery = TimeSpan.FromSeconds(options.Value.WatchCreditSeconds);

    /// <summary>Joins (or, repeated, keeps the viewer present: a heartbeat). Banned users and ended rooms are refused.</summary>
    public async Task<JoinedRoom> JoinAsync(WebUser viewer, string roomId, CancellationToken cancellationToken)
    {
        var tenantId = viewer.TenantId;
        var roomRead = rooms.GetRequiredAsync(tenantId, roomId, cancellationToken);
        var userRead = users.GetRequiredAsync(tenantId, viewer.UserId, cancellationToken);
        var banRead = chatState.GetBanAsync(tenantId, roomId, viewer.UserId, cancellationToken);
        var existingRead = presence.GetVersionedAsync(tenantId, roomId, viewer.UserId, cancellationToken);
        await Task.WhenAll(roomRead, userRead, banRead, existingRead);
        var room = (await roomRead).Value;
        if (room.Status == RoomStatus.Ended)
        {
            throw new ConflictException($"Room '{roomId}' has ended.");
        }

        if (await banRead is not null)
        {
            throw new ForbiddenException("You are banned from this room.");
        }

        var now = time.GetUtcNow();
        var arriving = await RecordSightingAsync(viewer, (await userRead).Value.DisplayName, room, await existingRead, now, cancellationToken);
        var live = true;
        if (arriving)
        {
            changes.MarkChanged((tenantId, roomId));

            // Group membership outlives the presence row; only an arrival (or a return after the TTL) needs it (re)added.
            live = await notifier.AddViewerAsync(tenantId, roomId, viewer.UserId, cancellationToken);
            if (!live)
            {
                repairs.MarkChanged((tenantId, roomId, viewer.UserId));
            }
        }

        // A heartbeat does not change the audience: answer it with the last count instead of counting the room again.
        var count = !arriving && changes.LastCount(tenantId, roomId) is { } last
            ? last
            : await presence.CountActiveAsync(tenantId, roomId, now, cancellationToken);
        // Read after the viewer joined the group: every event after this seq is pushed to them (or in the log if a push fails).
        var pinRead = chatState.GetPinAsync(tenantId, roomId, cancellationToken);
        var headRead = roomLog.ReadHeadAsync(tenantId, roomId, cancellationToken);
        var pin = await pinRead;
        return new JoinedRoom(roomId, room.Status, count, pin is not null && pin.IsActiveAt(now) ? pin : null, live, (await headRead).Seq);
    }

    public async Task LeaveAsync(WebUser viewer, string roomId, CancellationToken cancellationToken)
    {
        var room = (await rooms.GetRequiredAsync(viewer.TenantId, roomId, cancellationToken)).Value;
        var now = time.GetUtcNow();
        await EndViewingAsync(viewer.TenantId, room, viewer.UserId, row => WatchTime.Leave(row, room, now), onlyIfLapsed: false, cancellationToken);
    }

    /// <summary>Takes a viewer out of the room (a ban); their watch time counts up to when the server last saw them.</summary>
    public async Task RemoveAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken)
    {
        var room = (await rooms.GetRequiredAsync(tenantId, roomId, cancellationToken)).Value;
        await EndViewingAsync(tenantId, room, userId, row => WatchTime.Expire(row, room), onlyIfLapsed: false, cancellationToken);
    }

    public async Task<ViewerPage> ViewersAsync(Caller caller, string roomId, PageRequest page, CancellationToken cancellationToken)
    {
        await rooms.GetRequiredAsync(caller.TenantId, roomId, cancellationToken);
        var now = time.GetUtcNow();
        var count = await presence.CountActiveAsync(caller.TenantId, roomId, now, cancellationToken);
        return new ViewerPage(roomId, count, await presence.ListActiveAsync(caller.TenantId, roomId, now, page, cancellationToken));
    }

    /// <summary>
    /// Removes every viewer whose heartbeat lapsed, crediting their watch time up to when they were last seen; returns how many were
    /// removed. A viewer who came back between the scan and the removal stays.
    /// </summary>
    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        var now = time.GetUtcNow();
        var roomsSeen = new Dictionary<string, Room?>(StringComparer.Ordinal);
        await foreach (var (partitionKey, userId) in presence.ExpiredAsync(now, cancellationToken))
        {
            var separator = partitionKey.IndexOf(':', StringComparison.Ordinal);
            var (tenantId, roomId) = (partitionKey[..separator], partitionKey[(separator + 1)..]);
            if (!roomsSeen.TryGetValue(partitionKey, out var room))
            {
                room = roomsSeen[partitionKey] = (await rooms.GetAsync(tenantId, roomId, cancellationToken))?.Value;
            }

            if (room is null)
            {
                await presence.RemoveAsync(tenantId, roomId, userId, cancellationToken);
                continue;
            }

            if (await EndViewingAsync(tenantId, room, userId, row => WatchTime.Expire(row, room), onlyIfLapsed: true, cancellationToken))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>
    /// Stores a join or heartbeat, publishing first any watch time it credits; true when the viewer arrived (or returned after the TTL).
    /// The write is guarded by the version read, so a concurrent request of the same viewer (a second tab, a leave) is never overwritten
    /// with an older credit mark: the loser reads again and decides afresh. A span published twice on the way has one id and counts once.
    /// </summary>
    private async Task<bool> RecordSightingAsync(
        WebUser viewer, string displayName, Room room, Versioned<ViewerPresence>? stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var sighting = WatchTime.Sight(stored?.Value, viewer.UserId, displayName, room, now, _creditEvery);
            var row = await PublishWatchAsync(viewer.TenantId, viewer.UserId, room, sighting.Credit, cancellationToken)
                ? sighting.Row
                : sighting.Row with { WatchCreditedUntil = stored?.Value.WatchCreditedUntil ?? sighting.Row.WatchCreditedUntil };
            if (await presence.TryWriteAsync(viewer.TenantId, room.Id, row, stored, cancellationToken))
            {
                return sighting.Arriving;
            }

            if (attempt == MaxSightingAttempts)
            {
                throw new ConflictException($"Your presence in room '{room.Id}' is being changed by another request; try again.");
            }

            stored = await presence.GetVersionedAsync(viewer.TenantId, room.Id, viewer.UserId, cancellationToken);
        }
    }

    /// <summary>
    /// Ends a viewing (leave, ban, expiry): publishes what <paramref name="rest"/> credits of the stored row, removes the row (the durable
    /// record), then the group membership, best-effort — a viewer the service could not remove only keeps receiving the room's pushes;
    /// every write they try is checked against presence and bans. With <paramref name="onlyIfLapsed"/> (the sweep) a viewer whose row is gone or active again is left alone.
    /// True when a row was removed.
    /// </summary>
    private async Task<bool> EndViewingAsync(
        string tenantId, Room room, string userId, Func<ViewerPresence, WatchSpan?> rest, bool onlyIfLapsed, CancellationToken cancellationToken)
    {
        var row = await presence.GetAsync(tenantId, room.Id, userId, cancellationToken);
        if (onlyIfLapsed && (row is null || row.IsActiveAt(time.GetUtcNow())))
        {
            return false;
        }

        if (row is not null)
        {
            await PublishWatchAsync(tenantId, userId, room, rest(row), cancellationToken);
        }

        var removed = await presence.RemoveAsync(tenantId, room.Id, userId, cancellationToken);
        if (removed)
        {
            changes.MarkChanged((tenantId, room.Id));
        }

        await notifier.RemoveViewerAsync(tenantId, room.Id, userId, cancellationToken);
        return removed;
    }

    /// <summary>
    /// Publishes a credited span as a watch interaction; true when there was nothing to publish or the stream accepted it. A failure is
    /// logged and never fails the caller's request (a push is never part of the user's write): a heartbeat leaves the mark where it was
    /// and the next one publishes the span again; at the end of a viewing the last span is lost (bounded by the credit interval plus
    /// the TTL), which under-counts, never over-counts.
    /// </summary>
    private async Task<bool> PublishWatchAsync(string tenantId, string userId, Room room, WatchSpan? span, CancellationToken cancellationToken)
    {
        if (span is not { Seconds: > 0 })
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WatchPublishTimeout);
        try
        {
            await publisher.PublishAsync([WatchTime.ToInteraction(span, tenantId, userId, room)], timeout.Token);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogWatchPublishFailed(exception, span.Seconds, room.Id);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Seconds} s of watch time in room {RoomId} (a heartbeat keeps the span for the next one; a leave or the sweep loses it)")]
    private partial void LogWatchPublishFailed(Exception exception, int seconds, string roomId);
}
