using System.Globalization;
using LiveServerless.Domain.Common;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Recommendations;

/// <summary>The signed-in user's live-room recommendations, with scores and human-readable reasons.</summary>
public sealed class RecommendationFunctions(RequestGuard guard, RecommendationService recommendations)
{
    [Function(nameof(GetMyRecommendations))]
    public async Task<IResult> GetMyRecommendations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/recommendations")] HttpRequest request, CancellationToken cancellationToken)
    {
        var user = await guard.RequireUserAsync(request);
        var served = await recommendations.ForUserAsync(user, Limit(request), cancellationToken);
        return TypedResults.Ok(RecommendationsResponse.From(served));
    }

    private static int Limit(HttpRequest request)
    {
        var raw = request.Query["limit"].ToString();
        if (raw.Length == 0)
        {
            return 20;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= RecommendationService.MaxServed
            ? limit
            : throw ValidationException.ForField("limit", $"must be a whole number between 1 and {RecommendationService.MaxServed}");
    }
}
