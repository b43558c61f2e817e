namespace LiveServerless.Functions.Presence;

/// <summary>
/// Rooms (tenant, room) whose viewer count may have changed since the last push — joins and leaves mark, the publisher drains —
/// and the last count counted per room, which answers heartbeats without counting the room again. A room nobody has heartbeated
/// for <see cref="ForgetAfter"/> is forgotten (its next heartbeat counts it), so the counts kept follow the rooms watched now.
/// </summary>
public sealed class ViewerCountChanges(TimeProvider time) : PendingSet<(string TenantId, string RoomId)>
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(5);

    private readonly IdleEvictingMap<(string TenantId, string RoomId), int> _lastCounts = new(ForgetAfter, time);

    public void RecordCount(string tenantId, string roomId, int count) => _lastCounts.Set((tenantId, roomId), count);

    public int? LastCount(string tenantId, string roomId) => _lastCounts.TryGet((tenantId, roomId), out var count) ? count : null;
}
