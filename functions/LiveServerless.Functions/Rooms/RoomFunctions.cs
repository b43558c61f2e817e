using LiveServerless.Domain.Rooms;
using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Rooms;

/// <summary>Partner routes for a tenant's live rooms (scope <c>rooms</c>).</summary>
public sealed class RoomFunctions(RequestGuard guard, RoomService rooms)
{
    [Function(nameof(CreateRoom))]
    public async Task<IActionResult> CreateRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        var body = await request.ReadJsonAsync<CreateRoomRequest>(cancellationToken);
        var room = await rooms.CreateAsync(partner.TenantId, body.ToDraft(), cancellationToken);
        return ApiResult.Created($"/api/rooms/{room.Value.Id}", RoomResponse.From(room), room.ETag);
    }

    [Function(nameof(ListRooms))]
    public async Task<IActionResult> ListRooms(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rooms")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        var status = request.EnumFilter<RoomStatus>("status");
        var page = await rooms.ListAsync(partner.TenantId, status, request.Page(), cancellationToken);
        return ApiResult.Ok(ListResponse.Of(page, RoomResponse.From));
    }

    [Function(nameof(GetRoom))]
    public async Task<IActionResult> GetRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rooms/{roomId}")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        var room = await rooms.GetAsync(partner.TenantId, RequestQuery.RouteId(nameof(roomId), roomId), cancellationToken);
        return ApiResult.Ok(RoomResponse.From(room), room.ETag);
    }

    [Function(nameof(UpdateRoom))]
    public async Task<IActionResult> UpdateRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "rooms/{roomId}")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        var id = RequestQuery.RouteId(nameof(roomId), roomId);
        var body = await request.ReadJsonAsync<UpdateRoomRequest>(cancellationToken);
        var room = await rooms.UpdateAsync(partner.TenantId, id, body.ToChanges(), request.IfMatch(), cancellationToken);
        return ApiResult.Ok(RoomResponse.From(room), room.ETag);
    }

    [Function(nameof(DeleteRoom))]
    public async Task<IActionResult> DeleteRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "rooms/{roomId}")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        await rooms.DeleteAsync(partner.TenantId, RequestQuery.RouteId(nameof(roomId), roomId), request.IfMatch(), cancellationToken);
        return ApiResult.NoContent();
    }

    [Function(nameof(StartRoom))]
    public async Task<IActionResult> StartRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms/{roomId}/start")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        var room = await rooms.StartAsync(partner.TenantId, RequestQuery.RouteId(nameof(roomId), roomId), request.IfMatch(), cancellationToken);
        return ApiResult.Ok(RoomResponse.From(room), room.ETag);
    }

    [Function(nameof(EndRoom))]
    public async Task<IActionResult> EndRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms/{roomId}/end")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        var room = await rooms.EndAsync(partner.TenantId, RequestQuery.RouteId(nameof(roomId), roomId), request.IfMatch(), cancellationToken);
        return ApiResult.Ok(RoomResponse.From(room), room.ETag);
    }
}
