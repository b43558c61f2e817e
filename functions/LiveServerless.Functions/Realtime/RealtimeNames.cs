namespace LiveServerless.Functions.Realtime;

/// <summary>
/// SignalR user ids and group names. Ids are only unique within a tenant, so both are qualified by the tenant: two tenants'
/// rooms called "r1" must never share a group. ':' cannot occur in ids, so the qualified names are unambiguous.
/// </summary>
public static class RealtimeNames
{
    public static string User(string tenantId, string userId) => $"{tenantId}:{userId}";

    /// <summary>The room's group: <c>room:{roomId}</c>, qualified by tenant.</summary>
    public static string RoomGroup(string tenantId, string roomId) => $"room:{tenantId}:{roomId}";
}
