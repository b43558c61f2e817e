using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Follows;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.Rooms;
using LiveServerless.Domain.Users;

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
public sealed class ChatService(RoomStore rooms, ChatMessageStore messages, FollowStore follows, ChatRateLimiter rateLimiter, RoomLogWriter log)
{
    /// <summary><paramref name="sender"/> is the record the request's authentication read (name and role as of this request).</summary>
    public async Task<PostedMessage> PostAsync(string tenantId, User sender, string roomId, string? text, CancellationToken cancellationToken)
    {
        var post = new ChatPost(tenantId, roomId, sender, text, follows, rateLimiter);
        var committed = await log.AppendAsync(tenantId, roomId, post, cancellationToken);
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
