using System.Runtime.InteropServices;

namespace LiveServerless.Emulators.SignalR.Connections;

/// <summary>
/// Who belongs to which group in one hub. Like the service, a group has two kinds of members: connections (gone when they
/// disconnect) and users (kept, until an optional TTL, so that every current and future connection of the user is in the group).
/// Not thread-safe: <see cref="HubConnections"/> serializes access. Groups left without members are removed.
/// </summary>
internal sealed class GroupMembership(TimeProvider time)
{
    private readonly Dictionary<string, HashSet<string>> _connectionsByGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _userExpiriesByGroup = new(StringComparer.Ordinal);

    public void AddConnection(string group, string connectionId)
    {
        ref var connections = ref CollectionsMarshal.GetValueRefOrAddDefault(_connectionsByGroup, group, out _);
        connections ??= new HashSet<string>(StringComparer.Ordinal);
        connections.Add(connectionId);
    }

    public void RemoveConnection(string group, string connectionId)
    {
        if (_connectionsByGroup.TryGetValue(group, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
        {
            _connectionsByGroup.Remove(group);
        }
    }

    public void RemoveConnectionFromAll(string connectionId)
    {
        foreach (var group in _connectionsByGroup.Keys.ToList())
        {
            RemoveConnection(group, connectionId);
        }
    }

    /// <param name="expiresAt">When the membership lapses; <see cref="DateTimeOffset.MaxValue"/> for never.</param>
    public void AddUser(string group, string userId, DateTimeOffset expiresAt)
    {
        ref var users = ref CollectionsMarshal.GetValueRefOrAddDefault(_userExpiriesByGroup, group, out _);
        users ??= new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        users[userId] = expiresAt;
    }

    public void RemoveUser(string group, string userId)
    {
        if (_userExpiriesByGroup.TryGetValue(group, out var users) && users.Remove(userId) && users.Count == 0)
        {
            _userExpiriesByGroup.Remove(group);
        }
    }

    public void RemoveUserFromAll(string userId)
    {
        foreach (var group in _userExpiriesByGroup.Keys.ToList())
        {
            RemoveUser(group, userId);
        }
    }

    public IReadOnlyCollection<string> ConnectionsIn(string group) =>
        _connectionsByGroup.TryGetValue(group, out var connections) ? connections : [];

    /// <summary>The group's users whose membership has not lapsed; lapsed ones are dropped on the way.</summary>
    public IReadOnlyCollection<string> UsersIn(string group)
    {
        if (!_userExpiriesByGroup.TryGetValue(group, out var users))
        {
            return [];
        }

        var now = time.GetUtcNow();
        foreach (var lapsed in users.Where(user => user.Value <= now).Select(user => user.Key).ToList())
        {
            RemoveUser(group, lapsed);
        }

        return users.Keys;
    }
}
