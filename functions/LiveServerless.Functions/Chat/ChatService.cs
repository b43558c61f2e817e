using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Follows;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.Resilience;
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
    /// <summary>The most a follow-up of a stored message (slow-mode time, stream count) may add to the post.</summary>
    public static readonly TimeSpan FollowUpBudget = TimeSpan.FromSeconds(3);

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

        // The commit point: before it a failure answers 503 with nothing stored; after it nothing may fail the post, or a client
        // retrying the error would post the message twice.
        await messages.AddAsync(tenantId, message, cancellationToken);
        await AfterCommitAsync("record slow-mode time", message, token => state.SetLastMessageAtAsync(tenantId, roomId, user.Id, now, token));
        var pushed = await notifier.PublishAsync(tenantId, roomId, RealtimeTargets.ChatMessage, message, CancellationToken.None);
        await AfterCommitAsync("count in the interaction stream", message, token => CountInStreamAsync(tenantId, room, message, token));
        return new PostedMessage(message, pushed) { Limit = limit };
    }

    /// <summary>
    /// A follow-up of a stored message, bounded by <see cref="FollowUpBudget"/> and independent of the poster's connection: its
    /// failure is logged, never reported to the poster (who would retry).
    /// </summary>
    private async Task AfterCommitAsync(string what, ChatMessage message, Func<CancellationToken, Task> followUp)
    {
        using var budget = new CancellationTokenSource(FollowUpBudget, time);
        try
        {
            await followUp(budget.Token);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Chat message {MessageId} was stored but could not {What} ({Kind})", message.Id, what, FailureClassifier.Classify(exception));
        }
    }

    /// <summary>
    /// Chat is an interaction too (room statistics, profiles). The message is already stored and delivered, so a stream outage
    /// must not fail the post: the statistics miss that one message.
    /// </summary>
    private Task CountInStreamAsync(string tenantId, Room room, ChatMessage message, CancellationToken cancellationToken)
    {
        var chat = Interaction.InRoom(message.Id, tenantId, message.UserId, room, InteractionType.Chat, message.SentAt) with { MessageId = message.Id };
        return stream.PublishAsync([chat], cancellationToken);
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
