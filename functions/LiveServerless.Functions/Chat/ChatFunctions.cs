using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Chat;

/// <summary>Web clients post chat messages; clients and partners read the history (newest first, with a catch-up cursor).</summary>
public sealed class ChatFunctions(RequestGuard guard, ChatService chat)
{
    /// <summary>
    /// Set on every posted message: "queued" — it is stored at its place in the room's order and goes out in the room's next
    /// <c>roomEvents</c> batch (clients that miss it catch up from <c>/events?after=</c>).
    /// </summary>
    public const string DeliveryHeader = "X-Delivery";

    [Function(nameof(PostMessage))]
    public async Task<IResult> PostMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms/{roomId}/messages")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var (caller, user) = await guard.RequireUserRecordAsync(request);
        var id = RequestQuery.RouteId(nameof(roomId), roomId);
        var body = await request.ReadJsonAsync<PostMessageRequest>(cancellationToken);
        var posted = await chat.PostAsync(caller.TenantId, user, id, body.Text, cancellationToken);
        request.HttpContext.Response.Headers[DeliveryHeader] = "queued";
        request.HttpContext.Response.AddRateLimits(posted.Limit is null ? [] : [posted.Limit]);
        return TypedResults.Created($"/api/rooms/{id}/messages/{posted.Message.Id}", ChatMessageResponse.From(posted.Message));
    }

    [Function(nameof(ListMessages))]
    public async Task<IResult> ListMessages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rooms/{roomId}/messages")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var caller = await guard.RequirePartnerOrUserAsync(request, PartnerScope.Rooms, cancellationToken);
        var after = request.Query["after"].ToString();
        var page = await chat.HistoryAsync(caller, RequestQuery.RouteId(nameof(roomId), roomId), after.Length == 0 ? null : after, request.Page(), cancellationToken);
        return TypedResults.Ok(ListResponse.Of(page, ChatMessageResponse.From));
    }
}
