using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Health;

/// <summary>Anonymous liveness-and-dependencies check for load balancers and operators. It reveals names and status, never configuration.</summary>
public sealed class HealthFunctions(HealthService health)
{
    [Function(nameof(GetHealth))]
    public async Task<IActionResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        if (report.IsHealthy)
        {
            return ApiResult.Ok(report);
        }

        var failing = report.Dependencies.Where(d => d.Status != HealthService.Healthy).Select(d => d.Name).ToArray();
        var problem = Problem.Of(StatusCodes.Status503ServiceUnavailable, "unhealthy", "A dependency is unavailable.", $"Failing: {string.Join(", ", failing)}.") with
        {
            Instance = request.Path.Value,
            Extensions = new() { ["failing"] = failing, ["dependencies"] = report.Dependencies },
        };
        return ApiResult.FromProblem(problem).WithHeader("Retry-After", "10");
    }
}
