using System.Runtime.InteropServices;

namespace LiveServerless.Emulators.SignalR.Connections;

/// <summary>
/// The connections of one hub, by id and by user, and its groups. One lock guards it all: hub operations are short, and a
/// single lock makes "add user to group" and a concurrent connect of that user impossible to interleave wrongly.
/// Queries return snapshots so messages are sent outside the lock.
/// </summary>
internal sealed class HubConnections(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ClientConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _connectionIdsByUser = new(StringComparer.Ordinal);
    private readonly GroupMembership _groups = new(time);

    public void Add(ClientConnection connection)
    {
        lock (_lock)
        {
            _connections[connection.Id] = connection;
            if (connection.UserId is not null)
            {
                ref var ids = ref CollectionsMarshal.GetValueRefOrAddDefault(_connectionIdsByUser, connection.UserId, out _);
                ids ??= new HashSet<string>(StringComparer.Ordinal);
                ids.Add(connection.Id);
            }
        }
    }

    public void Remove(string connectionId)
    {
        lock (_lock)
        {
            if (!_connections.Remove(connectionId, out var connection))
            {
                return;
            }

            _groups.RemoveConnectionFromAll(connectionId);
            if (connection.UserId is not null
                && _connectionIdsByUser.TryGetValue(connection.UserId, out var ids)
                && ids.Remove(connectionId)
                && ids.Count == 0)
            {
                _connectionIdsByUser.Remove(connection.UserId);
            }
        }
    }

    public ClientConnection? Find(string connectionId)
    {
        lock (_lock)
        {
            return _connections.GetValueOrDefault(connectionId);
        }
    }

    public bool HasUser(string userId)
    {
        lock (_lock)
        {
            return _connectionIdsByUser.ContainsKey(userId);
        }
    }

    /// <summary>Whether the group has at least one connection, directly or through one of its users (the service's definition).</summary>
    public bool HasGroup(string group)
    {
        lock (_lock)
        {
            return MembersOf(group).Any();
        }
    }

    public IReadOnlyList<string> All(Exclusions exclusions)
    {
        lock (_lock)
        {
            return Select(_connections.Values, exclusions);
        }
    }

    public IReadOnlyList<string> OfUser(string userId)
    {
        lock (_lock)
        {
            return Select(ConnectionsOf(userId), Exclusions.None);
        }
    }

    public IReadOnlyList<string> InGroup(string group, Exclusions exclusions)
    {
        lock (_lock)
        {
            return Select(MembersOf(group), exclusions);
        }
    }

    /// <returns>False when the connection is not connected to this hub.</returns>
    public bool AddConnectionToGroup(string group, string connectionId)
    {
        lock (_lock)
        {
            if (!_connections.ContainsKey(connectionId))
            {
                return false;
            }

            _groups.AddConnection(group, connectionId);
            return true;
        }
    }

    /// <returns>False when the connection is not connected to this hub.</returns>
    public bool RemoveConnectionFromGroup(string group, string connectionId)
    {
        lock (_lock)
        {
            _groups.RemoveConnection(group, connectionId);
            return _connections.ContainsKey(connectionId);
        }
    }

    public void RemoveConnectionFromAllGroups(string connectionId)
    {
        lock (_lock)
        {
            _groups.RemoveConnectionFromAll(connectionId);
        }
    }

    /// <param name="ttl">
    /// Null: the user stays in the group. Zero: only the user's current connections join (the service's documented meaning of ttl=0).
    /// Otherwise the membership lapses after <paramref name="ttl"/>.
    /// </param>
    public void AddUserToGroup(string group, string userId, TimeSpan? ttl)
    {
        lock (_lock)
        {
            if (ttl == TimeSpan.Zero)
            {
                foreach (var connection in ConnectionsOf(userId))
                {
                    _groups.AddConnection(group, connection.Id);
                }

                return;
            }

            _groups.AddUser(group, userId, ttl is { } lifetime ? time.GetUtcNow() + lifetime : DateTimeOffset.MaxValue);
        }
    }

    /// <summary>Removes the user and, so that no message of the group reaches them any more, each of their connections.</summary>
    public void RemoveUserFromGroup(string group, string userId)
    {
        lock (_lock)
        {
            _groups.RemoveUser(group, userId);
            foreach (var connection in ConnectionsOf(userId))
            {
                _groups.RemoveConnection(group, connection.Id);
            }
        }
    }

    public void RemoveUserFromAllGroups(string userId)
    {
        lock (_lock)
        {
            _groups.RemoveUserFromAll(userId);
            foreach (var connection in ConnectionsOf(userId))
            {
                _groups.RemoveConnectionFromAll(connection.Id);
            }
        }
    }

    public bool IsUserInGroup(string group, string userId)
    {
        lock (_lock)
        {
            return _groups.UsersIn(group).Contains(userId)
                || ConnectionsOf(userId).Any(connection => _groups.ConnectionsIn(group).Contains(connection.Id));
        }
    }

    private IEnumerable<ClientConnection> ConnectionsOf(string userId) =>
        _connectionIdsByUser.TryGetValue(userId, out var ids) ? ids.Select(id => _connections[id]) : [];

    private IEnumerable<ClientConnection> MembersOf(string group) =>
        _groups.ConnectionsIn(group).Select(id => _connections[id])
            .Concat(_groups.UsersIn(group).SelectMany(ConnectionsOf))
            .DistinctBy(connection => connection.Id);

    private static List<string> Select(IEnumerable<ClientConnection> connections, Exclusions exclusions) =>
        [.. connections.Where(connection => !exclusions.Excludes(connection)).Select(connection => connection.Id)];
}
