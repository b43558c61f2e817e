using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Profiles;

/// <summary>A user's portrait for partners with the <c>reports</c> scope.</summary>
public sealed class ProfileFunctions(RequestGuard guard, ProfileService profiles)
{
    [Function(nameof(GetUserProfile))]
    public async Task<IResult> GetUserProfile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{userId}/profile")] HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Reports, cancellationToken);
        var profile = await profiles.GetAsync(partner.TenantId, RequestQuery.RouteId(nameof(userId), userId), cancellationToken);
        return TypedResults.Ok(ProfileResponse.From(profile.Profile, profile.At));
    }
}
