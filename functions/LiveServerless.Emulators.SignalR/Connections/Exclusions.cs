namespace LiveServerless.Emulators.SignalR.Connections;

/// <summary>Connections and users a send must skip (the REST API's <c>excluded</c> and <c>excludedUsers</c> query parameters).</summary>
internal sealed record Exclusions(IReadOnlySet<string> ConnectionIds, IReadOnlySet<string> UserIds)
{
    public static readonly Exclusions None = new(new HashSet<string>(), new HashSet<string>());

    public bool Excludes(ClientConnection connection) =>
        ConnectionIds.Contains(connection.Id) || (connection.UserId is not null && UserIds.Contains(connection.UserId));
}
