using LiveServerless.Domain.Rooms;
using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Rooms;

/// <summary>Partner routes for a tenant's live rooms (scope <c>rooms</c>).</summary>
public sealed class RoomFunctions(RequestGuard guard, RoomService rooms)
{
    [Function(nameof(CreateRoom))]
    public async Task<IResult> CreateRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        var body = await request.ReadJsonAsync<CreateRoomRequest>(cancellationToken);
        var room = await rooms.CreateAsync(partner.TenantId, body.ToDraft(), cancellationToken);
        request.HttpContext.Response.SetETag(room.ETag);
        return TypedResults.Created($"/api/rooms/{room.Value.Id}", RoomResponse.From(room));
    }

    [Function(nameof(ListRooms))]
    public async Task<IResult> ListRooms(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rooms")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        var status = request.EnumFilter<RoomStatus>("status");
        var page = await rooms.ListAsync(partner.TenantId, status, request.Page(), cancellationToken);
        return TypedResults.Ok(ListResponse.Of(page, RoomResponse.From));
    }

    [Function(nameof(GetRoom))]
    public async Task<IResult> GetRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rooms/{roomId}")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        var room = await rooms.GetAsync(partner.TenantId, RequestQuery.RouteId(nameof(roomId), roomId), cancellationToken);
        request.HttpContext.Response.SetETag(room.ETag);
        return TypedResults.Ok(RoomResponse.From(room));
    }

    [Function(nameof(UpdateRoom))]
    public async Task<IResult> UpdateRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "rooms/{roomId}")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        var id = RequestQuery.RouteId(nameof(roomId), roomId);
        var body = await request.ReadJsonAsync<UpdateRoomRequest>(cancellationToken);
        var room = await rooms.UpdateAsync(partner.TenantId, id, body.ToChanges(), request.IfMatch(), cancellationToken);
        request.HttpContext.Response.SetETag(room.ETag);
        return TypedResults.Ok(RoomResponse.From(room));
    }

    [Function(nameof(DeleteRoom))]
    public async Task<IResult> DeleteRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "rooms/{roomId}")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        await rooms.DeleteAsync(partner.TenantId, RequestQuery.RouteId(nameof(roomId), roomId), request.IfMatch(), cancellationToken);
        return TypedResults.NoContent();
    }

    [Function(nameof(StartRoom))]
    public async Task<IResult> StartRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms/{roomId}/start")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        var room = await rooms.StartAsync(partner.TenantId, RequestQuery.RouteId(nameof(roomId), roomId), request.IfMatch(), cancellationToken);
        request.HttpContext.Response.SetETag(room.ETag);
        return TypedResults.Ok(RoomResponse.From(room));
    }

    [Function(nameof(EndRoom))]
    public async Task<IResult> EndRoom(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms/{roomId}/end")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Rooms, cancellationToken);
        var room = await rooms.EndAsync(partner.TenantId, RequestQuery.RouteId(nameof(roomId), roomId), request.IfMatch(), cancellationToken);
        request.HttpContext.Response.SetETag(room.ETag);
        return TypedResults.Ok(RoomResponse.From(room));
    }
}
