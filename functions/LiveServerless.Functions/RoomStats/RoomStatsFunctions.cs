using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.RoomStats;

/// <summary>A room's statistics, for web clients (user token) and partners (scope <c>reports</c>).</summary>
public sealed class RoomStatsFunctions(RequestGuard guard, RoomStatsService stats)
{
    [Function(nameof(GetRoomStats))]
    public async Task<IResult> GetRoomStats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rooms/{roomId}/stats")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var caller = await guard.RequirePartnerOrUserAsync(request, PartnerScope.Reports, cancellationToken);
        var current = await stats.GetAsync(caller, RequestQuery.RouteId(nameof(roomId), roomId), cancellationToken);
        return TypedResults.Ok(RoomStatsResponse.From(current.Stats, current.At));
    }
}
