using LiveServerless.Emulators.SignalR.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Emulators.SignalR.Clients;

/// <summary>
/// Guards the client endpoint: negotiate, the WebSocket/SSE/long-polling requests and everything else under <c>/client</c>.
/// Every request must name a valid hub and carry a token for it; otherwise it is answered 400 or 401 before SignalR sees it,
/// so a refused client never gets a connection id.
/// </summary>
internal sealed class ClientAuthenticationMiddleware(
    RequestDelegate next, ClientTokenValidator validator, ILogger<ClientAuthenticationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        string? hub = context.Request.Query["hub"];
        if (!HubName.IsValid(hub))
        {
            logger.LogInformation("Refused client request {Path}: missing or invalid hub name", context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var token = BearerToken.From(context.Request, allowQuery: true);
        var outcome = await validator.ValidateAsync(token, hub, context.Connection.LocalPort);
        if (!outcome.Succeeded)
        {
            logger.LogInformation("Refused client request {Path} for hub {Hub}: {Reason}", context.Request.Path, hub, outcome.Failure);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        context.User = ClientClaims.Create(hub, outcome.UserId);
        await next(context);
    }
}
