using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Users;
using LiveServerless.Functions.Follows;
using LiveServerless.Functions.RoomEvents;

namespace LiveServerless.Functions.Chat;

/// <summary>
/// A chat message on its way into the room's log: judged by <see cref="ChatGate"/> at commit time on the room's state as of the
/// seq just before it, charged to the sender's rate limit once accepted, and written with its history row and the sender's
/// last-message time (slow mode) in the same transaction as its event.
/// </summary>
public sealed class ChatPost(string tenantId, string roomId, User sender, string? text, FollowStore follows, ChatRateLimiter rateLimiter) : RoomLogEntry
{
    private bool? _followsHost;

    /// <summary>The sender's chat rate limit after this message, for the RateLimit headers.</summary>
    public RateLimitState? Limit { get; private set; }

    public override string? ChatterId => sender.Id;

    public override async Task PrepareAsync(RoomChatState state, CancellationToken cancellationToken)
    {
        var room = state.Room;
        if (room.Chat.FollowersOnly && _followsHost is null && !ModerationRules.IsStaff(room, sender.Id, sender.Role))
        {
            _followsHost = await follows.IsFollowingAsync(tenantId, sender.Id, room.HostUserId, cancellationToken);
        }
    }

    public override async Task ChargeAsync(CancellationToken cancellationToken) =>
        Limit = await rateLimiter.TakeAsync(tenantId, sender.Id, cancellationToken);

    public override RoomLogDecision Decide(RoomChatState state, long seq, DateTimeOffset now)
    {
        var accepted = ChatGate.Check(state.Attempt(sender.Id, sender.Role, text, _followsHost ?? false, now));
        var message = new ChatMessage(ChatMessageIds.ForSeq(seq), roomId, sender.Id, sender.DisplayName, accepted, now, seq);
        return new RoomLogDecision(
            RoomEventTypes.ChatMessage,
            message,
            [ChatMessageStore.Adding(tenantId, message), ChatStateStore.LastMessageAt(tenantId, roomId, sender.Id, now)]);
    }
}
