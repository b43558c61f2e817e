using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Moderation;

/// <summary>Moderation by a partner key with scope <c>moderation</c>, or by the room's host or a moderator with their user token.</summary>
public sealed class ModerationFunctions(RequestGuard guard, ModerationService moderation)
{
    [Function(nameof(Moderate))]
    public async Task<IResult> Moderate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms/{roomId}/moderation")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var caller = await guard.RequirePartnerOrUserAsync(request, PartnerScope.Moderation, cancellationToken);
        var id = RequestQuery.RouteId(nameof(roomId), roomId);
        var body = await request.ReadJsonAsync<ModerationRequestBody>(cancellationToken);
        var action = await moderation.ApplyAsync(caller, id, body.ToRequest(), cancellationToken);
        return TypedResults.Created($"/api/rooms/{id}/moderation/{action.Id}", ModerationActionResponse.From(action));
    }

    [Function(nameof(ListModerationActions))]
    public async Task<IResult> ListModerationActions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "rooms/{roomId}/moderation")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var caller = await guard.RequirePartnerOrUserAsync(request, PartnerScope.Moderation, cancellationToken);
        var page = await moderation.ListAsync(caller, RequestQuery.RouteId(nameof(roomId), roomId), request.Page(), cancellationToken);
        return TypedResults.Ok(ListResponse.Of(page, ModerationActionResponse.From));
    }

    /// <summary>A REST-style shortcut for the deleteMessage action.</summary>
    [Function(nameof(DeleteMessage))]
    public async Task<IResult> DeleteMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "rooms/{roomId}/messages/{messageId}")] HttpRequest request,
        string roomId,
        string messageId,
        CancellationToken cancellationToken)
    {
        var caller = await guard.RequirePartnerOrUserAsync(request, PartnerScope.Moderation, cancellationToken);
        var deletion = new ModerationRequest(ModerationKind.DeleteMessage, null, RequestQuery.RouteId(nameof(messageId), messageId), null, null, null);
        await moderation.ApplyAsync(caller, RequestQuery.RouteId(nameof(roomId), roomId), deletion, cancellationToken);
        return TypedResults.NoContent();
    }
}
