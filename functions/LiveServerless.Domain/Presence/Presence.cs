namespace LiveServerless.Domain.Presence;

/// <summary>
/// A viewer's presence in a room. Clients send a heartbeat (or join again) at least every <see cref="HeartbeatInterval"/>;
/// a viewer not heard of for <see cref="Ttl"/> no longer counts and is swept out of the room.
/// </summary>
public sealed record ViewerPresence(string UserId, string DisplayName, DateTimeOffset JoinedAt, DateTimeOffset LastSeenAt)
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    public bool IsActiveAt(DateTimeOffset now) => now - LastSeenAt < Ttl;

    public static DateTimeOffset ActiveSince(DateTimeOffset now) => now - Ttl;
}
