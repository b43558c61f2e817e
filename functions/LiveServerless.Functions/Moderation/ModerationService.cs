using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Chat;
using LiveServerless.Functions.Presence;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Users;

namespace LiveServerless.Functions.Moderation;

/// <summary>
/// Applies moderation actions for a partner (scope <c>moderation</c>) or the room's staff (host, moderators), records each one
/// with who did it — the audit entry is written before the action, so no action ever happens unrecorded — and then tells the
/// room, best-effort: a push that fails never undoes or fails the action.
/// </summary>
public sealed class ModerationService(
    RoomStore rooms,
    UserStore users,
    ChatMessageStore messages,
    ChatStateStore state,
    PresenceService presence,
    ModerationLogStore log,
    RoomNotifier notifier,
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
            ? (await messages.GetRequiredAsync(tenantId, roomId, request.MessageId!, cancellationToken)).Value
            : null;
        var until = request.Action switch
        {
            ModerationKind.Mute => ModerationRules.MuteUntil(request, now),
            ModerationKind.Pin => ModerationRules.PinUntil(request, now),
            _ => (DateTimeOffset?)null,
        };
        var action = new ModerationAction(
            ChatMessageIds.New(now), roomId, request.Action, request.UserId, request.MessageId, until, request.SlowModeSeconds, request.Reason, by, now);
        await log.AddAsync(tenantId, action, cancellationToken);
        await ExecuteAsync(tenantId, room, request, by, now, until, pinned, cancellationToken);
        return action;
    }

    public async Task<Page<ModerationAction>> ListAsync(Caller caller, string roomId, PageRequest page, CancellationToken cancellationToken)
    {
        var room = (await rooms.GetRequiredAsync(caller.TenantId, roomId, cancellationToken)).Value;
        await AuthorizeAsync(caller, room, cancellationToken);
        return await log.ListAsync(caller.TenantId, roomId, page, cancellationToken);
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

    /// <summary>Carries out the (already recorded) action, then pushes its event.</summary>
    private async Task ExecuteAsync(
        string tenantId, Room room, ModerationRequest request, Moderator by, DateTimeOffset now, DateTimeOffset? until, ChatMessage? pinned,
        CancellationToken cancellationToken)
    {
        var roomId = room.Id;
        var byText = $"{by.Kind}:{by.Id}";
        switch (request.Action)
        {
            case ModerationKind.DeleteMessage:
                await messages.DeleteAsync(tenantId, roomId, request.MessageId!, cancellationToken);
                await notifier.PublishAsync(tenantId, roomId, RealtimeTargets.MessageDeleted, new MessageDeletedEvent(roomId, request.MessageId!), cancellationToken);
                return;
            case ModerationKind.Mute:
                await state.MuteAsync(tenantId, roomId, new Mute(request.UserId!, until!.Value, byText, request.Reason), cancellationToken);
                await PushModerationAsync(tenantId, roomId, "mute", request.UserId, until, null, cancellationToken);
                return;
            case ModerationKind.Unmute:
                await state.UnmuteAsync(tenantId, roomId, request.UserId!, cancellationToken);
                await PushModerationAsync(tenantId, roomId, "unmute", request.UserId, null, null, cancellationToken);
                return;
            case ModerationKind.Ban:
                await state.BanAsync(tenantId, roomId, new Ban(request.UserId!, now, byText, request.Reason), cancellationToken);
                await PushModerationAsync(tenantId, roomId, "ban", request.UserId, null, null, cancellationToken);
                await presence.RemoveAsync(tenantId, roomId, request.UserId!, cancellationToken);
                return;
            case ModerationKind.Unban:
                await state.UnbanAsync(tenantId, roomId, request.UserId!, cancellationToken);
                await PushModerationAsync(tenantId, roomId, "unban", request.UserId, null, null, cancellationToken);
                return;
            case ModerationKind.SlowMode:
                var seconds = request.SlowModeSeconds!.Value;
                await rooms.UpdateAsync(tenantId, roomId, r => r.Apply(SlowModeChange(seconds), now), ifMatch: null, cancellationToken);
                await PushModerationAsync(tenantId, roomId, "slowMode", null, null, seconds, cancellationToken);
                return;
            case ModerationKind.Pin:
                var pin = new PinnedMessage(pinned!, until!.Value);
                await state.PinAsync(tenantId, roomId, pin, cancellationToken);
                await notifier.PublishAsync(tenantId, roomId, RealtimeTargets.Pinned, new PinnedEvent(roomId, pin.Message, pin.ExpiresAt), cancellationToken);
                return;
            case ModerationKind.Unpin:
                await state.UnpinAsync(tenantId, roomId, cancellationToken);
                await notifier.PublishAsync(tenantId, roomId, RealtimeTargets.Pinned, new PinnedEvent(roomId, null, null), cancellationToken);
                return;
            case ModerationKind.Clear:
                await messages.ClearAsync(tenantId, roomId, cancellationToken);
                await state.UnpinAsync(tenantId, roomId, cancellationToken);
                await PushModerationAsync(tenantId, roomId, "clear", null, null, null, cancellationToken);
                return;
            default:
                throw ValidationException.ForField("action", "is not a moderation action");
        }
    }

    private Task<bool> PushModerationAsync(string tenantId, string roomId, string action, string? userId, DateTimeOffset? until, int? slowModeSeconds, CancellationToken cancellationToken) =>
        notifier.PublishAsync(tenantId, roomId, RealtimeTargets.Moderation, new ModerationEvent(roomId, action, userId, until, slowModeSeconds), cancellationToken);

    private static RoomChanges SlowModeChange(int seconds) => new(default, default, default, seconds, default, default, default);
}
