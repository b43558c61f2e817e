using System.Collections.Concurrent;

namespace LiveServerless.Functions.Presence;

/// <summary>
/// Rooms (tenant, room) whose viewer count may have changed since the last push — joins and leaves mark, the publisher drains —
/// and the last count counted per room, which answers heartbeats without counting the room again.
/// </summary>
public sealed class ViewerCountChanges : PendingSet<(string TenantId, string RoomId)>
{
    private readonly ConcurrentDictionary<(string TenantId, string RoomId), int> _lastCounts = new();

    public void RecordCount(string tenantId, string roomId, int count) => _lastCounts[(tenantId, roomId)] = count;

    public int? LastCount(string tenantId, string roomId) => _lastCounts.TryGetValue((tenantId, roomId), out var count) ? count : null;
}
