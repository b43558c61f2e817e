namespace LiveServerless.Domain.Chat;

/// <summary>
/// A stored chat message, exactly as web clients receive it (as the data of a <c>chatMessage</c> room event and in history).
/// <see cref="Seq"/> is its place in the room's order of events, the same for every client and every instance of the app.
/// </summary>
public sealed record ChatMessage(string Id, string RoomId, string UserId, string DisplayName, string Text, DateTimeOffset SentAt, long Seq);
