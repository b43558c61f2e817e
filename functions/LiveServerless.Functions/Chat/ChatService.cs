using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Follows;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Users;

namespace LiveServerless.Functions.Chat;

/// <summary>The outcome of posting: the stored message, at its place in the room's order.</summary>
public sealed record PostedMessage(ChatMessage Message)
{
    /// <summary>The sender's chat rate limit after this message, for the RateLimit headers.</summary>
    public RateLimitState? Limit { get; init; }
}

/// <summary>
/// Posting and reading chat. A post is one entry of the room's log (<see cref="ChatPost"/>): the rules, the rate limit, the
/// message, its history row and its event are decided and written together; the answer comes once that is durable, and the live
/// push and the stream count follow it (<see cref="RoomEventPusher"/>, <see cref="ChatStreamCounter"/>).
/// </summary>
public sealed class ChatService(RoomStore rooms, UserStore users, ChatMessageStore messages, FollowStore follows, ChatRateLimiter rateLimiter, RoomLogWriter log)
{
    public async Task<PostedMessage> PostAsync(WebUser sender, string roomId, string? text, CancellationToken cancellationToken)
    {
        var user = (await users.GetRequiredAsync(sender.TenantId, sender.UserId, cancellationToken)).Value;
        var post = new ChatPost(sender.TenantId, roomId, user, text, follows, rateLimiter);
        var committed = await log.AppendAsync(sender.TenantId, roomId, post, cancellationToken);
        return new PostedMessage((ChatMessage)committed.Data) { Limit = post.Limit };
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
