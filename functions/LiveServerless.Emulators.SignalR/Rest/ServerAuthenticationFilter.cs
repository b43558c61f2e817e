using LiveServerless.Emulators.SignalR.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Emulators.SignalR.Rest;

/// <summary>Answers 401 to a REST call whose server token is missing, forged, expired or addressed to another URL.</summary>
internal sealed class ServerAuthenticationFilter(ServerTokenValidator validator, ILogger<ServerAuthenticationFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var outcome = await validator.ValidateAsync(request);
        if (outcome.Succeeded)
        {
            return await next(context);
        }

        logger.LogInformation("Refused REST call {Method} {Path}: {Reason}", request.Method, request.Path, outcome.Failure);
        return ErrorDetail.Unauthorized(outcome.Failure!);
    }
}
