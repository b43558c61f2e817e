using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Health;

public sealed record DependencyHealth(string Name, string Status, long DurationMs, string? Error);

public sealed record HealthReport(string Status, IReadOnlyList<DependencyHealth> Dependencies)
{
    [JsonIgnore]
    public bool IsHealthy => Status == HealthService.Healthy;
}

/// <summary>
/// Runs every registered probe in parallel, each bounded by a timeout, so the health routes answer quickly even when a dependency hangs.
/// A report is reused for <see cref="CacheDuration"/> and concurrent callers share the one in flight: a burst of health requests
/// (load balancer, availability test, platform health check, several instances) costs each dependency one call, not one per request.
/// </summary>
public sealed class HealthService(IEnumerable<IHealthProbe> probes, TimeProvider time, ILogger<HealthService> logger)
{
    public const string Healthy = "healthy";

    public const string Unhealthy = "unhealthy";

    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();

    private (Task<HealthReport> Report, DateTimeOffset StartedAt)? _latest;

    public Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        Task<HealthReport> report;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_latest is not { } latest || (latest.Report.IsCompleted && now - latest.StartedAt >= CacheDuration))
            {
                // Not tied to one caller's cancellation: other callers may be waiting on the same run.
                _latest = latest = (RunAllAsync(), now);
            }

            report = latest.Report;
        }

        return report.WaitAsync(cancellationToken);
    }

    private async Task<HealthReport> RunAllAsync()
    {
        var results = await Task.WhenAll(probes.Select(RunAsync));
        var status = results.All(r => r.Status == Healthy) ? Healthy : Unhealthy;
        return new HealthReport(status, results);
    }

    private async Task<DependencyHealth> RunAsync(IHealthProbe probe)
    {
        var stopwatch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            await probe.ProbeAsync(timeout.Token).WaitAsync(timeout.Token);
            return new DependencyHealth(probe.Name, Healthy, stopwatch.ElapsedMilliseconds, null);
        }
#pragma warning disable CA1031 // A probe failure of any kind means "unhealthy"; it must never fail the health route itself.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LogWarning(exception, "Health probe {Probe} failed", probe.Name);
            var reason = exception is OperationCanceledException ? $"no answer within {ProbeTimeout.TotalSeconds:0}s" : "unreachable or refused the request";
            return new DependencyHealth(probe.Name, Unhealthy, stopwatch.ElapsedMilliseconds, reason);
        }
    }
}
