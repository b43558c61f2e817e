using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Chat;

/// <summary>The user's bans, mutes and last-message times go; every room that had one starts its chat lanes over without them.</summary>
public sealed class ChatStateUserData(ChatStateStore chatState, RoomLogWriter writer) : IUserDataEraser
{
    public string Store => "chatState";

    public async Task EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        foreach (var roomId in await chatState.ForgetUserAsync(tenantId, userId, cancellationToken))
        {
            await writer.RoomChangedAsync(tenantId, roomId, cancellationToken);
        }
    }
}
