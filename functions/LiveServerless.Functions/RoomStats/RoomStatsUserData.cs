using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.RoomStats;

/// <summary>The user leaves every room's statistics (their distinct-viewer and top-gifter entries); the totals stay.</summary>
public sealed class RoomStatsUserData(RoomStatsStore stats, RoomStore rooms) : IUserDataEraser
{
    public string Store => "roomStats";

    public Task EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        stats.ForgetUserAsync(tenantId, userId, rooms.IdsAsync(tenantId, cancellationToken), cancellationToken);
}
