using System.Globalization;
using LiveServerless.Domain.Common;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Rooms;

namespace LiveServerless.Functions.RoomEvents;

/// <summary>
/// Catch-up: a room's events after a seq, oldest first, for a client that saw a gap or reconnected. Partners (scope
/// <c>rooms</c>) read any room of their tenant; users read rooms they are not banned from.
/// </summary>
public sealed class RoomEventsService(RoomStore rooms, IRoomChatState chatState, RoomLogStore log)
{
    public async Task<Page<RoomEvent>> ListAfterAsync(Caller caller, string roomId, long afterSeq, PageRequest page, CancellationToken cancellationToken)
    {
        var tenantId = caller.TenantId;
        var roomRead = rooms.GetRequiredAsync(tenantId, roomId, cancellationToken);
        var banRead = caller is WebUser user ? chatState.IsBannedAsync(tenantId, roomId, user.UserId, cancellationToken) : Task.FromResult(false);
        await Task.WhenAll(roomRead, banRead);
        if (await banRead)
        {
            throw new ForbiddenException("You are banned from this room.");
        }

        var from = page.ContinuationToken is { } token ? ParseSeq(token, "continuationToken", "is not a continuation token issued by this API") : afterSeq;
        var events = await log.ReadAfterAsync(tenantId, roomId, from, page.Limit, cancellationToken);
        var next = events.Count == page.Limit ? events[^1].Seq.ToString(CultureInfo.InvariantCulture) : null;
        return new Page<RoomEvent>(events, next);
    }

    /// <summary>A seq as clients send it: a whole number, 0 for "from the beginning".</summary>
    public static long ParseSeq(string raw, string field, string problem = "must be a whole number of at least 0 (a seq the room gave you)") =>
        long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : throw ValidationException.ForField(field, problem);
}
