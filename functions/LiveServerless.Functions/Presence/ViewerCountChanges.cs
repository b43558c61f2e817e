using System.Collections.Concurrent;

namespace LiveServerless.Functions.Presence;

/// <summary>Rooms whose viewer count may have changed since the last push; joins and leaves mark, the publisher drains.</summary>
public sealed class ViewerCountChanges
{
    private readonly ConcurrentDictionary<(string TenantId, string RoomId), byte> _dirty = new();

    public void MarkChanged(string tenantId, string roomId) => _dirty.TryAdd((tenantId, roomId), 0);

    public IReadOnlyList<(string TenantId, string RoomId)> Drain()
    {
        var rooms = _dirty.Keys.ToArray();
        foreach (var room in rooms)
        {
            _dirty.TryRemove(room, out _);
        }

        return rooms;
    }
}
