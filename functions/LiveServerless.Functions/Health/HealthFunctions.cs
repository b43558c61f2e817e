using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveServerless.Functions.Health;

/// <summary>
/// Anonymous health routes for the platform, load balancers and operators. They reveal names and status, never configuration.
/// /api/health (dependencies) keeps its original contract; /api/health/live says the process answers (the platform's health check),
/// /api/health/ready that it can do its work: dependencies and the stream processor (the availability test).
/// </summary>
public sealed class HealthFunctions(HealthService health, HealthCheckService checks)
{
    [Function(nameof(GetLiveness))]
    public async Task<IActionResult> GetLiveness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequest request, CancellationToken cancellationToken) =>
        ToResult(await checks.CheckHealthAsync(c => c.Tags.Contains(HealthTags.Live), cancellationToken), request);

    [Function(nameof(GetReadiness))]
    public async Task<IActionResult> GetReadiness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request, CancellationToken cancellationToken) =>
        ToResult(await checks.CheckHealthAsync(c => c.Tags.Contains(HealthTags.Ready), cancellationToken), request);

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

    private static ApiResult ToResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report, HttpRequest request)
    {
        var entries = report.Entries.Select(e => new HealthCheckEntry(e.Key, StatusName(e.Value.Status), e.Value.Description)).ToArray();
        if (report.Status != HealthStatus.Unhealthy)
        {
            return ApiResult.Ok(new HealthChecksReport(StatusName(report.Status), entries));
        }

        var failing = entries.Where(e => e.Status == HealthService.Unhealthy).Select(e => e.Name).ToArray();
        var problem = Problem.Of(StatusCodes.Status503ServiceUnavailable, "unhealthy", "The app is not ready.", $"Failing: {string.Join(", ", failing)}.") with
        {
            Instance = request.Path.Value,
            Extensions = new() { ["failing"] = failing, ["checks"] = entries },
        };
        return ApiResult.FromProblem(problem).WithHeader("Retry-After", "10");
    }

    private static string StatusName(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => HealthService.Healthy,
        HealthStatus.Degraded => "degraded",
        _ => HealthService.Unhealthy,
    };
}

public sealed record HealthCheckEntry(string Name, string Status, string? Description);

public sealed record HealthChecksReport(string Status, IReadOnlyList<HealthCheckEntry> Checks);
