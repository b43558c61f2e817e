using System.Collections.Concurrent;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Recommendations;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.RoomStats;

namespace LiveServerless.Functions.Recommendations;

/// <summary>
/// The rooms of a tenant that are live right now, with their heat, as recommendation candidates. Kept for a couple of seconds
/// per tenant, so a burst of requests and refreshes shares one read of the live set; a room that starts or ends shows up
/// within that time.
/// </summary>
public sealed class LiveRoomCandidates(RoomStore rooms, RoomStatsStore stats, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, Task<IReadOnlyList<LiveRoomCandidate>> Candidates)> _byTenant = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<LiveRoomCandidate>> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = _byTenant.AddOrUpdate(
            tenantId,
            _ => (now, ReadAsync(tenantId, cancellationToken)),
            (_, cached) => now - cached.ReadAt < Freshness && !cached.Candidates.IsFaulted ? cached : (now, ReadAsync(tenantId, cancellationToken)));
        return await entry.Candidates;
    }

    private async Task<IReadOnlyList<LiveRoomCandidate>> ReadAsync(string tenantId, CancellationToken cancellationToken)
    {
        var live = new List<Room>();
        string? token = null;
        do
        {
            var page = await rooms.ListAsync(tenantId, RoomStatus.Live, new PageRequest(PageRequest.MaxLimit, token), cancellationToken);
            live.AddRange(page.Items.Select(v => v.Value));
            token = page.ContinuationToken;
        }
        while (token is not null);

        var now = time.GetUtcNow();
        var heats = await Task.WhenAll(live.Select(room => stats.GetAsync(tenantId, room.Id, cancellationToken)));
        return [.. live.Zip(heats, (room, roomStats) => LiveRoomCandidate.FromRoom(room, roomStats.HeatAt(now)))];
    }
}
