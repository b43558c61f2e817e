using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Follows;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Streaming;
using LiveServerless.Functions.Users;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Chat;

/// <summary>The outcome of posting: the stored message, and whether it was also pushed live (history has it either way).</summary>
public sealed record PostedMessage(ChatMessage Message, bool Pushed)
{
    /// <summary>The sender's chat rate limit after this message, for the RateLimit headers.</summary>
    public RateLimitState? Limit { get; init; }
}

/// <summary>Posting and reading chat: the rules (<see cref="ChatGate"/>), storage, then the live push to the room.</summary>
public sealed class ChatService(
    RoomStore rooms,
    UserStore users,
    ChatMessageStore messages,
    ChatStateStore state,
    FollowStore follows,
    ChatRateLimiter rateLimiter,
    RoomNotifier notifier,
    InteractionPublisher stream,
    TimeProvider time,
    ILogger<ChatService> logger)
{
    public async Task<PostedMessage> PostAsync(WebUser sender, string roomId, string? text, CancellationToken cancellationToken)
    {
        var tenantId = sender.TenantId;
        var roomRead = rooms.GetRequiredAsync(tenantId, roomId, cancellationToken);
        var userRead = users.GetRequiredAsync(tenantId, sender.UserId, cancellationToken);
        var banRead = state.GetBanAsync(tenantId, roomId, sender.UserId, cancellationToken);
        var muteRead = state.GetMuteAsync(tenantId, roomId, sender.UserId, cancellationToken);
        var lastRead = state.GetLastMessageAtAsync(tenantId, roomId, sender.UserId, cancellationToken);
        await Task.WhenAll(roomRead, userRead, banRead, muteRead, lastRead);
        var room = (await roomRead).Value;
        var user = (await userRead).Value;
        var isStaff = ModerationRules.IsStaff(room, user.Id, user.Role);
        var followsHost = room.Chat.FollowersOnly && !isStaff && await follows.IsFollowingAsync(tenantId, user.Id, room.HostUserId, cancellationToken);

        var now = time.GetUtcNow();
        var attempt = new ChatAttempt(room, user.Id, isStaff, text, (await banRead)?.Since, (await muteRead)?.Until, followsHost, await lastRead, now);
        var acceptedText = ChatGate.Check(attempt);
        var limit = await rateLimiter.TakeAsync(tenantId, user.Id, cancellationToken);

        var message = new ChatMessage(ChatMessageIds.New(now), roomId, user.Id, user.DisplayName, acceptedText, now);
        await messages.AddAsync(tenantId, message, cancellationToken);
        await state.SetLastMessageAtAsync(tenantId, roomId, user.Id, now, cancellationToken);
        var pushed = await notifier.PublishAsync(tenantId, roomId, RealtimeTargets.ChatMessage, message, cancellationToken);
        await CountInStreamAsync(tenantId, room, message, cancellationToken);
        return new PostedMessage(message, pushed) { Limit = limit };
    }

    /// <summary>
    /// Chat is an interaction too (room statistics, profiles). The message is already stored and delivered, so a stream outage
    /// must not fail the post: it is logged and the statistics miss that one message.
    /// </summary>
    private async Task CountInStreamAsync(string tenantId, Room room, ChatMessage message, CancellationToken cancellationToken)
    {
        var chat = new Interaction
        {
            Id = message.Id,
            TenantId = tenantId,
            UserId = message.UserId,
            RoomId = room.Id,
            Type = InteractionType.Chat,
            OccurredAt = message.SentAt,
            HostUserId = room.HostUserId,
            RoomCategory = room.Category,
            RoomTags = room.Tags,
            MessageId = message.Id,
        };
        try
        {
            await stream.PublishAsync([chat], cancellationToken);
        }
        catch (Exception exception) when (InteractionPipeline.IsTransient(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Chat message {MessageId} was stored but not published to the interaction stream", message.Id);
        }
    }

    /// <summary>History newest-first; <paramref name="afterId"/> limits it to messages newer than the one a client last saw.</summary>
    public async Task<Page<ChatMessage>> HistoryAsync(Caller caller, string roomId, string? afterId, PageRequest page, CancellationToken cancellationToken)
    {
        if (afterId is not null && !ChatMessageIds.IsWellFormed(afterId))
        {
            throw ValidationException.ForField("after", "is not a message id");
        }

        await rooms.GetRequiredAsync(caller.TenantId, roomId, cancellationToken);
        return await messages.ListAsync(caller.TenantId, roomId, afterId, page, cancellationToken);
    }
}
