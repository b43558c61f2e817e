using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Presence;

/// <summary>Web clients join and leave rooms and keep their presence alive; clients and partners see who is watching.</summary>
public sealed partial class PresenceFunctions(RequestGuard guard, PresenceService presence, ILogger<PresenceFunctions> logger)
{
    [Function(nameof(JoinRoom))]
    public async Task<IResult> JoinRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms/{roomId}/join")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var user = await guard.RequireUserAsync(request);
        var joined = await presence.JoinAsync(user, RequestQuery.RouteId(nameof(roomId), roomId), cancellationToken);
        return TypedResults.Ok(JoinResponse.From(joined));
    }

    /// <summary>Keeps the viewer present; the same as joining again (and re-joins a viewer whose presence lapsed).</summary>
    [Function(nameof(RoomHeartbeat))]
    public async Task<IResult> RoomHeartbeat(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms/{roomId}/heartbeat")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var user = await guard.RequireUserAsync(request);
        var joined = await presence.JoinAsync(user, RequestQuery.RouteId(nameof(roomId), roomId), cancellationToken);
        return TypedResults.Ok(JoinResponse.From(joined));
    }

    [Function(nameof(LeaveRoom))]
    public async Task<IResult> LeaveRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms/{roomId}/leave")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var user = await guard.RequireUserAsync(request);
        await presence.LeaveAsync(user, RequestQuery.RouteId(nameof(roomId), roomId), cancellationToken);
        return TypedResults.NoContent();
    }

    [Function(nameof(ListViewers))]
    public async Task<IResult> ListViewers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rooms/{roomId}/viewers")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var caller = await guard.RequirePartnerOrUserAsync(request, PartnerScope.Rooms, cancellationToken);
        var viewers = await presence.ViewersAsync(caller, RequestQuery.RouteId(nameof(roomId), roomId), request.Page(), cancellationToken);
        return TypedResults.Ok(ViewersResponse.From(viewers));
    }

    /// <summary>Every 15 seconds: viewers whose heartbeat lapsed leave the room (group and count).</summary>
    [Function(nameof(SweepPresence))]
    public async Task SweepPresence([TimerTrigger("*/15 * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var removed = await presence.SweepExpiredAsync(cancellationToken);
        if (removed > 0)
        {
            LogSwept(removed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Presence sweep removed {Removed} lapsed viewers")]
    private partial void LogSwept(int removed);
}
