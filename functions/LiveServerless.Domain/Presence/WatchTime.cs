using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Rooms;

namespace LiveServerless.Domain.Presence;

/// <summary>
/// Watch time the server measured, from <see cref="From"/> (the viewer's credit mark) to <see cref="Until"/> (the new mark):
/// <see cref="Seconds"/> whole seconds of it fall while the room was live. It becomes one <c>watch</c> interaction.
/// </summary>
public sealed record WatchSpan(DateTimeOffset From, DateTimeOffset Until, int Seconds);

/// <summary>What one join or heartbeat does: the presence row to store, the watch time to publish first (if any), and whether the viewer arrived.</summary>
public sealed record Sighting(ViewerPresence Row, WatchSpan? Credit, bool Arriving);

/// <summary>
/// Watch time is measured by the server from presence, never claimed by a client (docs/architecture.md, *Watch time is measured, not claimed*). Each presence row carries a
/// credit mark (<see cref="ViewerPresence.WatchCreditedUntil"/>): the time up to which the viewing has been published. Joins and
/// heartbeats publish a span once <c>creditEvery</c> of it has built up, a leave publishes the rest up to now, and the presence sweep
/// up to when the viewer was last seen, so no span reaches past a moment the server saw the viewer in the room. Spans are cut to the
/// room's live time and to whole seconds (the remainder stays uncredited for the next span).
/// <para>
/// Never counted twice: a span is published before its mark is stored, under an id derived from (tenant, viewer, room, span start), so
/// a span published again after a failed write has the same id and the stream's client-retry filter drops it. A heartbeat's span ends
/// at the previous sighting stored in the row, not at the request's own time, so every request that read the same row publishes the
/// identical event and stores the same mark.
/// </para>
/// </summary>
public static class WatchTime
{
    /// <summary>How much uncredited watch time a heartbeat lets build up before publishing it (Presence:WatchCreditSeconds).</summary>
    public static readonly TimeSpan DefaultCreditEvery = TimeSpan.FromSeconds(60);

    /// <summary>A join or heartbeat at <paramref name="now"/> by the viewer, whose stored row is <paramref name="existing"/> (null if none).</summary>
    public static Sighting Sight(ViewerPresence? existing, string userId, string displayName, Room room, DateTimeOffset now, TimeSpan creditEvery)
    {
        if (existing is null || !existing.IsActiveAt(now))
        {
            // A new viewing. What a lapsed one left uncredited ends where the server last saw it (the sweep may not have run yet).
            var fresh = new ViewerPresence(userId, displayName, now, now) { WatchCreditedUntil = now };
            return new Sighting(fresh, existing is null ? null : Span(existing, existing.LastSeenAt, room), Arriving: true);
        }

        var credit = existing.LastSeenAt - existing.UncreditedSince() >= creditEvery ? Span(existing, existing.LastSeenAt, room) : null;
        var row = existing with { DisplayName = displayName, LastSeenAt = now, WatchCreditedUntil = credit?.Until ?? existing.WatchCreditedUntil };
        return new Sighting(row, credit, Arriving: false);
    }

    /// <summary>The rest of a viewing when the viewer leaves: up to now if present, else up to when the server last saw them.</summary>
    public static WatchSpan? Leave(ViewerPresence existing, Room room, DateTimeOffset now) =>
        Span(existing, existing.IsActiveAt(now) ? now : existing.LastSeenAt, room);

    /// <summary>The rest of a viewing that ended without a leave (TTL expiry, a ban): up to when the server last saw the viewer.</summary>
    public static WatchSpan? Expire(ViewerPresence existing, Room room) => Span(existing, existing.LastSeenAt, room);

    /// <summary>
    /// The watch interaction for a span, as the ingest would stamp it (room context copied). Its id is deterministic and marked as a
    /// client key, so publishing the same span twice counts once.
    /// </summary>
    public static Interaction ToInteraction(WatchSpan span, string tenantId, string userId, Room room) =>
        Interaction.InRoom(SpanId(tenantId, userId, room.Id, span.From), tenantId, userId, room, InteractionType.Watch, span.Until) with
        {
            HasClientKey = true,
            WatchSeconds = span.Seconds,
        };

    /// <summary>
    /// From the row's mark to <paramref name="seenUntil"/> in whole seconds; null when not one whole second has passed. The seconds
    /// published are those within the room's live time (started, not yet ended); the mark moves over the whole span either way.
    /// </summary>
    private static WatchSpan? Span(ViewerPresence row, DateTimeOffset seenUntil, Room room)
    {
        var from = row.UncreditedSince();
        var wholeSeconds = Math.Floor((seenUntil - from).TotalSeconds);
        if (wholeSeconds < 1)
        {
            return null;
        }

        var until = from.AddSeconds(wholeSeconds);
        var liveFrom = room.StartedAt is { } started && started > from ? started : from;
        var liveUntil = room.EndedAt is { } ended && ended < until ? ended : until;
        var liveSeconds = room.StartedAt is null || liveUntil <= liveFrom ? 0 : (int)Math.Floor((liveUntil - liveFrom).TotalSeconds);
        return new WatchSpan(from, until, liveSeconds);
    }

    private static string SpanId(string tenantId, string userId, string roomId, DateTimeOffset from) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"watch\n{tenantId}\n{userId}\n{roomId}\n{from.UtcTicks.ToString(CultureInfo.InvariantCulture)}")))[..32];
}
