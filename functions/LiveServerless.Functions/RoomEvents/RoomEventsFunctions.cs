using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.RoomEvents;

/// <summary>A room's events after a seq (catch-up after a gap or a reconnect), oldest first, paged.</summary>
public sealed class RoomEventsFunctions(RequestGuard guard, RoomEventsService events)
{
    [Function(nameof(ListRoomEvents))]
    public async Task<IResult> ListRoomEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rooms/{roomId}/events")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var caller = await guard.RequirePartnerOrUserAsync(request, PartnerScope.Rooms, cancellationToken);
        var after = request.Query["after"].ToString();
        var afterSeq = after.Length == 0 ? 0 : RoomEventsService.ParseSeq(after, "after");
        var page = await events.ListAfterAsync(caller, RequestQuery.RouteId(nameof(roomId), roomId), afterSeq, request.Page(), cancellationToken);
        return TypedResults.Ok(ListResponse.Of(page, (RoomEvent e) => e));
    }
}
