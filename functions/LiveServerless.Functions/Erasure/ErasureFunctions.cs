using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Erasure;

/// <summary>
/// Partners erase users (scope <c>users</c>): <c>DELETE /api/users/{id}</c> starts a durable erasure job and answers 202 with its
/// location; <c>GET /api/erasures/{id}</c> follows it to done.
/// </summary>
public sealed class ErasureFunctions(RequestGuard guard, ErasureService erasures)
{
    [Function("DeleteUser")]
    public async Task<IResult> DeleteUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "users/{userId}")] HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Users, cancellationToken);
        var job = await erasures.RequestAsync(partner.TenantId, RequestQuery.RouteId(nameof(userId), userId), request.IfMatch(), cancellationToken);
        return TypedResults.Accepted(Location(job.UserId), ErasureResponse.From(job, erasures.Stores));
    }

    [Function(nameof(GetErasure))]
    public async Task<IResult> GetErasure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "erasures/{userId}")] HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Users, cancellationToken);
        var job = await erasures.GetAsync(partner.TenantId, RequestQuery.RouteId(nameof(userId), userId), cancellationToken);
        return TypedResults.Ok(ErasureResponse.From(job, erasures.Stores));
    }

    private static string Location(string userId) => $"/api/erasures/{Uri.EscapeDataString(userId)}";
}
