using LiveServerless.Domain.Chat;

namespace LiveServerless.Functions.Chat;

public sealed record PostMessageRequest(string? Text);

/// <summary>A chat message on the wire (docs/openapi.yaml <c>ChatMessage</c>).</summary>
public sealed record ChatMessageResponse(string Id, string RoomId, string UserId, string DisplayName, string Text, DateTimeOffset SentAt, long Seq)
{
    public static ChatMessageResponse From(ChatMessage message) =>
        new(message.Id, message.RoomId, message.UserId, message.DisplayName, message.Text, message.SentAt, message.Seq);
}
