using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Realtime;

/// <summary>
/// The SignalR negotiate endpoint of serverless mode. A web client points the official SignalR client at <c>/api</c> with its
/// user token; the client POSTs here and is redirected to SignalR Service with <c>{url, accessToken}</c>.
/// </summary>
public sealed class NegotiateFunctions(RequestGuard guard, SignalRTokens signalR)
{
    [Function(nameof(Negotiate))]
    public async Task<IResult> Negotiate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "negotiate")] HttpRequest request)
    {
        var user = await guard.RequireUserAsync(request);
        var (url, accessToken) = signalR.ForClient(RealtimeNames.User(user.TenantId, user.UserId), user.TokenExpiresAt);
        return TypedResults.Ok(new NegotiateResponse(url, accessToken));
    }
}

public sealed record NegotiateResponse(string Url, string AccessToken);
