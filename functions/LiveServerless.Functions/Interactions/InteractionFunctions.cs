using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Interactions;

/// <summary>Web clients post likes, gifts, follows, shares and watch heartbeats; they flow through Event Hubs to the processors.</summary>
public sealed class InteractionFunctions(RequestGuard guard, InteractionService interactions)
{
    [Function(nameof(PostInteractions))]
    public async Task<IResult> PostInteractions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rooms/{roomId}/interactions")] HttpRequest request, string roomId, CancellationToken cancellationToken)
    {
        var user = await guard.RequireUserAsync(request);
        var id = RequestQuery.RouteId(nameof(roomId), roomId);
        var body = await request.ReadJsonAsync<IngestRequest>(cancellationToken);
        var result = await interactions.IngestAsync(user, id, body, cancellationToken);
        request.HttpContext.Response.AddRateLimits(result.Limits);
        return TypedResults.Accepted((string?)null, IngestResponse.From(result));
    }
}
