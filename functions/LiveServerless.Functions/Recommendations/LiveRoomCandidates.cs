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
/// within that time. The shared read belongs to no caller: it runs under its own <see cref="ReadTimeout"/>, and each caller only
/// stops waiting for it when its own request is aborted — so one aborted request never hands the whole tenant a cancelled read.
/// A read that failed is not kept.
/// </summary>
public sealed class LiveRoomCandidates(RoomStore rooms, RoomStatsStore stats, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, Task<IReadOnlyList<LiveRoomCandidate>> Candidates)> _byTenant = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<LiveRoomCandidate>> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = _byTenant.AddOrUpdate(
            tenantId,
            _ => (now, SharedReadAsync(tenantId)),
            (_, cached) => now - cached.ReadAt < Freshness && !cached.Candidates.IsFaulted && !cached.Candidates.IsCanceled ? cached : (now, SharedReadAsync(tenantId)));
        return await entry.Candidates.WaitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<LiveRoomCandidate>> SharedReadAsync(string tenantId)
    {
        using var timeout = new CancellationTokenSource(ReadTimeout, time);
        return await ReadAsync(tenantId, timeout.Token);
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
