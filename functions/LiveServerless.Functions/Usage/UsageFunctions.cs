using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Usage;

/// <summary>Usage per UTC day: a partner reads its own tenant's (scope <c>reports</c>), the admin every tenant's.</summary>
public sealed class UsageFunctions(RequestGuard guard, UsageService usage)
{
    [Function(nameof(GetUsage))]
    public async Task<IResult> GetUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "usage")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Reports, cancellationToken);
        var days = await usage.ForTenantAsync(partner.TenantId, Optional(request, "from"), Optional(request, "to"), cancellationToken);
        return TypedResults.Ok(UsageResponse.Of(partner.TenantId, days));
    }

    [Function(nameof(GetAllTenantsUsage))]
    public async Task<IResult> GetAllTenantsUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "usage/tenants")] HttpRequest request, CancellationToken cancellationToken)
    {
        await guard.RequireAdminAsync(request, cancellationToken);
        var days = await usage.ForAllAsync(Optional(request, "from"), Optional(request, "to"), cancellationToken);
        return TypedResults.Ok(AllUsageResponse.Of(days));
    }

    private static string? Optional(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var value) ? value.ToString() : null;
}
