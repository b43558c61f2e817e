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

/// <summary>Runs every registered probe in parallel, each bounded by a timeout, so the health route answers quickly even when a dependency hangs.</summary>
public sealed class HealthService(IEnumerable<IHealthProbe> probes, ILogger<HealthService> logger)
{
    public const string Healthy = "healthy";

    public const string Unhealthy = "unhealthy";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(probes.Select(probe => RunAsync(probe, cancellationToken)));
        var status = results.All(r => r.Status == Healthy) ? Healthy : Unhealthy;
        return new HealthReport(status, results);
    }

    private async Task<DependencyHealth> RunAsync(IHealthProbe probe, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
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
