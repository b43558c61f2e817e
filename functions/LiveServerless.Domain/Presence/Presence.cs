namespace LiveServerless.Domain.Presence;

/// <summary>
/// A viewer's presence in a room. Clients send a heartbeat (or join again) at least every <see cref="HeartbeatInterval"/>;
/// a viewer not heard of for <see cref="Ttl"/> no longer counts and is swept out of the room.
/// </summary>
public sealed record ViewerPresence(string UserId, string DisplayName, DateTimeOffset JoinedAt, DateTimeOffset LastSeenAt)
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Up to when this viewing's watch time has been published (see <see cref="WatchTime"/>). Null on rows written before the server
    /// measured watch time: their viewing is credited from <see cref="JoinedAt"/>.
    /// </summary>
    public DateTimeOffset? WatchCreditedUntil { get; init; }

    public bool IsActiveAt(DateTimeOffset now) => now - LastSeenAt < Ttl;

    public static DateTimeOffset ActiveSince(DateTimeOffset now) => now - Ttl;

    /// <summary>Where uncredited watch time starts: the credit mark, never before the viewer joined.</summary>
    public DateTimeOffset UncreditedSince() => WatchCreditedUntil is { } mark && mark > JoinedAt ? mark : JoinedAt;
}
