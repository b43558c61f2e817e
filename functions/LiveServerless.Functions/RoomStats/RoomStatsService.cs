using LiveServerless.Domain.RoomStats;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Rooms;

namespace LiveServerless.Functions.RoomStats;

/// <summary>Reads a room's statistics for a caller of the room's tenant (a room with no interactions yet has all zeros).</summary>
public sealed class RoomStatsService(RoomStore rooms, RoomStatsStore stats, TimeProvider time)
{
    public async Task<RoomStatsReading> GetAsync(Caller caller, string roomId, CancellationToken cancellationToken)
    {
        await rooms.GetRequiredAsync(caller.TenantId, roomId, cancellationToken);
        var current = await stats.GetAsync(caller.TenantId, roomId, cancellationToken);
        return new RoomStatsReading(current, time.GetUtcNow());
    }
}

/// <summary>A room's statistics and when they were read (the heat is as of that moment).</summary>
public sealed record RoomStatsReading(RoomStatistics Stats, DateTimeOffset At);
