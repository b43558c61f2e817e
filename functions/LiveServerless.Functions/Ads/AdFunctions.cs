using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

using LiveServerless.Functions.Limits;

namespace LiveServerless.Functions.Ads;

/// <summary>The ad decision for web clients (user token), and the pacing controller's timer.</summary>
public sealed partial class AdFunctions(
    RequestGuard guard, SharedRateLimiter limiter, RateLimitPolicies policies, AdDecisionService decisions, PacingService pacing, ILogger<AdFunctions> logger)
{
    /// <summary>200 with the ad and its impression token, or 204 when there is none to show.</summary>
    [Function(nameof(GetAdDecision))]
    public async Task<IResult> GetAdDecision(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ads/decision")] HttpRequest request, CancellationToken cancellationToken)
    {
        var user = await guard.RequireUserAsync(request);
        var roomId = request.RequiredId("roomId");
        var limit = await limiter.TakeAsync(policies.AdDecisions, $"{user.TenantId}:{user.UserId}", 1, "Too many ad requests; ask again later.", cancellationToken);
        var placement = await decisions.DecideAsync(user, roomId, cancellationToken);
        request.HttpContext.Response.AddRateLimits([limit]);
        return placement is null ? TypedResults.NoContent() : TypedResults.Ok(AdDecisionResponse.From(placement));
    }

    /// <summary>Every 15 minutes, at each pacing slot's start: settle, step the throttles, end finished campaigns.</summary>
    [Function(nameof(PaceCampaigns))]
    public async Task PaceCampaigns([TimerTrigger("0 */15 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var ended = await pacing.TickAllAsync(cancellationToken);
        if (ended > 0)
        {
            LogEnded(ended);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pacing tick ended {Ended} campaigns")]
    private partial void LogEnded(int ended);
}
