using Azure.Data.Tables;
using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Chat;
using LiveServerless.Functions.Presence;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Users;

namespace LiveServerless.Functions.Moderation;

/// <summary>
/// Applies moderation actions for a partner (scope <c>moderation</c>) or the room's staff (host, moderators), records each one
/// with who did it — the audit entry is written before the action, so no action ever happens unrecorded — and then carries it out
/// together with its room event; the push to the room follows, and a push that fails never undoes or fails the action.
/// </summary>
public sealed class ModerationService(
    RoomStore rooms,
    UserStore users,
    ChatMessageStore messages,
    PresenceService presence,
    ModerationLogStore auditLog,
    RoomLogWriter log,
    TimeProvider time)
{
    public async Task<ModerationAction> ApplyAsync(Caller caller, string roomId, ModerationRequest request, CancellationToken cancellationToken)
    {
        var tenantId = caller.TenantId;
        var room = (await rooms.GetRequiredAsync(tenantId, roomId, cancellationToken)).Value;
        var by = await AuthorizeAsync(caller, room, cancellationToken);
        ModerationRules.Validate(request, room, by);
        if (request.UserId is not null)
        {
            await users.GetRequiredAsync(tenantId, request.UserId, cancellationToken);
        }

        var now = time.GetUtcNow();
        var pinned = request.Action == ModerationKind.Pin
            ? await messages.GetRequiredAsync(tenantId, roomId, request.MessageId!, cancellationToken)
            : null;
        var until = request.Action switch
        {
            ModerationKind.Mute => ModerationRules.MuteUntil(request, now),
            ModerationKind.Pin => ModerationRules.PinUntil(request, now),
            _ => (DateTimeOffset?)null,
        };
        var action = new ModerationAction(
            ChatMessageIds.New(now), roomId, request.Action, request.UserId, request.MessageId, until, request.SlowModeSeconds, request.Reason, by, now);
        await auditLog.AddAsync(tenantId, action, cancellationToken);
        await ExecuteAsync(tenantId, room, request, by, now, until, pinned, cancellationToken);
        return action;
    }

    public async Task<Page<ModerationAction>> ListAsync(Caller caller, string roomId, PageRequest page, CancellationToken cancellationToken)
    {
        var room = (await rooms.GetRequiredAsync(caller.TenantId, roomId, cancellationToken)).Value;
        await AuthorizeAsync(caller, room, cancellationToken);
        return await auditLog.ListAsync(caller.TenantId, roomId, page, cancellationToken);
    }

    /// <summary>Partners were checked for the moderation scope by the guard; users must be the room's staff.</summary>
    private async Task<Moderator> AuthorizeAsync(Caller caller, Room room, CancellationToken cancellationToken)
    {
        switch (caller)
        {
            case Partner partner:
                return Moderator.Partner(partner.KeyId);
            case WebUser webUser:
                var user = (await users.GetRequiredAsync(webUser.TenantId, webUser.UserId, cancellationToken)).Value;
                ModerationRules.RequireStaff(room, user.Id, user.Role);
                return Moderator.User(user.Id);
            default:
                throw new ForbiddenException("Unknown caller.");
        }
    }

    /// <summary>
    /// Carries out the (already recorded) action: its state change and its room event are one entry of the room's log, written
    /// together; the push to the room follows the commit.
    /// </summary>
    private async Task ExecuteAsync(
        string tenantId, Room room, ModerationRequest request, Moderator by, DateTimeOffset now, DateTimeOffset? until, ChatMessage? pinned,
        CancellationToken cancellationToken)
    {
        var roomId = room.Id;
        var byText = $"{by.Kind}:{by.Id}";
        var userId = request.UserId;
        switch (request.Action)
        {
            case ModerationKind.DeleteMessage:
                await messages.GetRequiredAsync(tenantId, roomId, request.MessageId!, cancellationToken);
                await AppendAsync(tenantId, roomId, RoomEventTypes.MessageDeleted, new MessageDeletedEvent(roomId, request.MessageId!), [ChatMessageStore.Deleting(tenantId, roomId, request.MessageId!)], cancellationToken);
                return;
            case ModerationKind.Mute:
                await AppendModerationAsync(tenantId, roomId, "mute", userId, until, [ChatStateStore.Muting(tenantId, roomId, new Mute(userId!, until!.Value, byText, request.Reason))], cancellationToken);
                return;
            case ModerationKind.Unmute:
                await AppendModerationAsync(tenantId, roomId, "unmute", userId, null, [ChatStateStore.Unmuting(tenantId, roomId, userId!)], cancellationToken);
                return;
            case ModerationKind.Ban:
                await AppendModerationAsync(tenantId, roomId, "ban", userId, null, [ChatStateStore.Banning(tenantId, roomId, new Ban(userId!, now, byText, request.Reason))], cancellationToken);
                await presence.RemoveAsync(tenantId, roomId, userId!, cancellationToken);
                return;
            case ModerationKind.Unban:
                await AppendModerationAsync(tenantId, roomId, "unban", userId, null, [ChatStateStore.Unbanning(tenantId, roomId, userId!)], cancellationToken);
                return;
            case ModerationKind.SlowMode:
                var seconds = request.SlowModeSeconds!.Value;
                await rooms.UpdateAsync(tenantId, roomId, r => r.Apply(SlowModeChange(seconds), now), ifMatch: null, cancellationToken);
                var slowMode = new ModerationEvent(roomId, "slowMode", null, null, seconds);
                await log.AppendAsync(tenantId, roomId, new PlainRoomEntry(RoomEventTypes.Moderation, slowMode, changesRoom: true), cancellationToken);
                return;
            case ModerationKind.Pin:
                var pin = new PinnedMessage(pinned!, until!.Value);
                await AppendAsync(tenantId, roomId, RoomEventTypes.Pinned, new PinnedEvent(roomId, pin.Message, pin.ExpiresAt), [ChatStateStore.Pinning(tenantId, roomId, pin)], cancellationToken);
                return;
            case ModerationKind.Unpin:
                await AppendAsync(tenantId, roomId, RoomEventTypes.Pinned, new PinnedEvent(roomId, null, null), [ChatStateStore.Unpinning(tenantId, roomId)], cancellationToken);
                return;
            case ModerationKind.Clear:
                await messages.ClearAsync(tenantId, roomId, cancellationToken);
                await AppendModerationAsync(tenantId, roomId, "clear", null, null, [ChatStateStore.Unpinning(tenantId, roomId)], cancellationToken);
                return;
            default:
                throw ValidationException.ForField("action", "is not a moderation action");
        }
    }

    private Task<RoomEvent> AppendModerationAsync(
        string tenantId, string roomId, string action, string? userId, DateTimeOffset? until, IReadOnlyList<TableTransactionAction> rows, CancellationToken cancellationToken) =>
        AppendAsync(tenantId, roomId, RoomEventTypes.Moderation, new ModerationEvent(roomId, action, userId, until), rows, cancellationToken);

    private Task<RoomEvent> AppendAsync(string tenantId, string roomId, string type, object data, IReadOnlyList<TableTransactionAction> rows, CancellationToken cancellationToken) =>
        log.AppendAsync(tenantId, roomId, new PlainRoomEntry(type, data, rows), cancellationToken);

    private static RoomChanges SlowModeChange(int seconds) => new(default, default, default, seconds, default, default, default);
}
