using LiveServerless.Domain.Common;
using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Presence;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Chat;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Users;

namespace LiveServerless.Functions.Presence;

/// <summary><paramref name="Live"/> is false when SignalR Service could not add the viewer to the room's group yet (it is retried).</summary>
public sealed record JoinedRoom(string RoomId, RoomStatus Status, int Viewers, PinnedMessage? Pinned, bool Live);

public sealed record ViewerPage(string RoomId, int Count, Page<ViewerPresence> Viewers);

/// <summary>
/// Joining, heartbeats and leaving a room: a presence row with a TTL (the durable record), then group membership at SignalR
/// Service — which, when the service is slow or down, is left to <see cref="GroupMembershipRepairer"/> instead of failing the join.
/// </summary>
public sealed class PresenceService(
    RoomStore rooms,
    UserStore users,
    ChatStateStore chatState,
    PresenceStore presence,
    RoomNotifier notifier,
    ViewerCountChanges changes,
    GroupMembershipRepairs repairs,
    TimeProvider time)
{
    /// <summary>Joins (or, repeated, keeps the viewer present: a heartbeat). Banned users and ended rooms are refused.</summary>
    public async Task<JoinedRoom> JoinAsync(WebUser viewer, string roomId, CancellationToken cancellationToken)
    {
        var tenantId = viewer.TenantId;
        var roomRead = rooms.GetRequiredAsync(tenantId, roomId, cancellationToken);
        var userRead = users.GetRequiredAsync(tenantId, viewer.UserId, cancellationToken);
        var banRead = chatState.GetBanAsync(tenantId, roomId, viewer.UserId, cancellationToken);
        var existingRead = presence.GetAsync(tenantId, roomId, viewer.UserId, cancellationToken);
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
        var existing = await existingRead;
        var arriving = existing is null || !existing.IsActiveAt(now);
        var joinedAt = arriving ? now : existing!.JoinedAt;
        await presence.UpsertAsync(tenantId, roomId, new ViewerPresence(viewer.UserId, (await userRead).Value.DisplayName, joinedAt, now), cancellationToken);
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
        var pin = await chatState.GetPinAsync(tenantId, roomId, cancellationToken);
        return new JoinedRoom(roomId, room.Status, count, pin is not null && pin.IsActiveAt(now) ? pin : null, live);
    }

    public async Task LeaveAsync(WebUser viewer, string roomId, CancellationToken cancellationToken)
    {
        await rooms.GetRequiredAsync(viewer.TenantId, roomId, cancellationToken);
        await RemoveAsync(viewer.TenantId, roomId, viewer.UserId, cancellationToken);
    }

    /// <summary>
    /// Takes a viewer out of the room (leave, ban, or TTL expiry): the presence row first, then the group, best-effort — a viewer
    /// the service could not remove only keeps receiving the room's pushes; every write they try is checked against presence and bans.
    /// </summary>
    public async Task RemoveAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken)
    {
        if (await presence.RemoveAsync(tenantId, roomId, userId, cancellationToken))
        {
            changes.MarkChanged((tenantId, roomId));
        }

        await notifier.RemoveViewerAsync(tenantId, roomId, userId, cancellationToken);
    }

    public async Task<ViewerPage> ViewersAsync(Caller caller, string roomId, PageRequest page, CancellationToken cancellationToken)
    {
        await rooms.GetRequiredAsync(caller.TenantId, roomId, cancellationToken);
        var now = time.GetUtcNow();
        var count = await presence.CountActiveAsync(caller.TenantId, roomId, now, cancellationToken);
        return new ViewerPage(roomId, count, await presence.ListActiveAsync(caller.TenantId, roomId, now, page, cancellationToken));
    }

    /// <summary>Removes every viewer whose heartbeat lapsed; returns how many were removed.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        await foreach (var (partitionKey, userId) in presence.ExpiredAsync(time.GetUtcNow(), cancellationToken))
        {
            var separator = partitionKey.IndexOf(':', StringComparison.Ordinal);
            await RemoveAsync(partitionKey[..separator], partitionKey[(separator + 1)..], userId, cancellationToken);
            removed++;
        }

        return removed;
    }
}
