using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Realtime;

/// <summary>An erasure's first step: the user's live connections leave every group, so nothing more reaches them while the rest is erased.</summary>
public sealed class RealtimeUserData(SignalRClient signalR) : IUserDataEraser
{
    public string Store => "realtime";

    public Task EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        signalR.RemoveUserFromAllGroupsAsync(RealtimeNames.User(tenantId, userId), cancellationToken);
}
