namespace LiveServerless.Domain.Chat;

/// <summary>A stored chat message, exactly as web clients receive it (pushed as <c>chatMessage</c> and in history).</summary>
public sealed record ChatMessage(string Id, string RoomId, string UserId, string DisplayName, string Text, DateTimeOffset SentAt);
