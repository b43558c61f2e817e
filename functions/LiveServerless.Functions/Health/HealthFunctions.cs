using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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
    public async Task<IResult> GetLiveness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequest request, CancellationToken cancellationToken) =>
        ToResult(await checks.CheckHealthAsync(c => c.Tags.Contains(HealthTags.Live), cancellationToken), request);

    [Function(nameof(GetReadiness))]
    public async Task<IResult> GetReadiness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request, CancellationToken cancellationToken) =>
        ToResult(await checks.CheckHealthAsync(c => c.Tags.Contains(HealthTags.Ready), cancellationToken), request);

    [Function(nameof(GetHealth))]
    public async Task<IResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        if (report.IsHealthy)
        {
            return TypedResults.Ok(report);
        }

        var failing = report.Dependencies.Where(d => d.Status != HealthService.Healthy).Select(d => d.Name).ToArray();
        return Unhealthy(request, "A dependency is unavailable.", failing, new Dictionary<string, object?> { ["failing"] = failing, ["dependencies"] = report.Dependencies });
    }

    private static IResult ToResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report, HttpRequest request)
    {
        var entries = report.Entries.Select(e => new HealthCheckEntry(e.Key, StatusName(e.Value.Status), e.Value.Description)).ToArray();
        if (report.Status != HealthStatus.Unhealthy)
        {
            return TypedResults.Ok(new HealthChecksReport(StatusName(report.Status), entries));
        }

        var failing = entries.Where(e => e.Status == HealthService.Unhealthy).Select(e => e.Name).ToArray();
        return Unhealthy(request, "The app is not ready.", failing, new Dictionary<string, object?> { ["failing"] = failing, ["checks"] = entries });
    }

    /// <summary>503 with what failed as problem extensions; the platform asks again in 10 s.</summary>
    private static ProblemHttpResult Unhealthy(HttpRequest request, string title, string[] failing, IReadOnlyDictionary<string, object?> extensions)
    {
        request.HttpContext.Response.Headers.RetryAfter = "10";
        var problem = Problems.Of(StatusCodes.Status503ServiceUnavailable, "unhealthy", title, $"Failing: {string.Join(", ", failing)}.", extensions);
        return Problems.ToResult(problem, request.HttpContext);
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
