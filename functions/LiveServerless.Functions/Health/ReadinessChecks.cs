using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveServerless.Functions.Health;

/// <summary>Tags that split the registered health checks into liveness (the process) and readiness (it can do its work).</summary>
public static class HealthTags
{
    public const string Live = "live";

    public const string Ready = "ready";
}

/// <summary>Readiness: every dependency answers (the probes behind /api/health, cached, see <see cref="HealthService"/>).</summary>
public sealed class DependenciesHealthCheck(HealthService health) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await health.CheckAsync(cancellationToken);
        var data = report.Dependencies.ToDictionary(d => d.Name, d => (object)d.Status, StringComparer.Ordinal);
        var failing = report.Dependencies.Where(d => d.Status != HealthService.Healthy).Select(d => d.Name).ToArray();
        return failing.Length == 0
            ? HealthCheckResult.Healthy("Every dependency answered.", data)
            : HealthCheckResult.Unhealthy($"Failing: {string.Join(", ", failing)}.", data: data);
    }
}

/// <summary>
/// Readiness of the stream processor, the part of the app nothing else watches: every partition of the interactions hub has an
/// owner that renewed its claim recently (some instance is processing it), and no partition this instance processes lags far
/// behind. No owner is unhealthy; a large lag is degraded (the app serves, but its derived data is late). Cached like the
/// dependency probes, so a burst of probes reads the ownership table once.
/// </summary>
public sealed class StreamReadinessCheck(
    Streaming.TableCheckpointStore checkpoints,
    Azure.Messaging.EventHubs.Producer.EventHubProducerClient producer,
    Microsoft.Extensions.Options.IOptions<Configuration.EventHubsOptions> options,
    Streaming.StreamMetrics metrics,
    TimeProvider time) : IHealthCheck
{
    /// <summary>The processor renews its claims every 10 seconds and they expire after 30; two minutes means nobody is renewing.</summary>
    public static readonly TimeSpan OwnershipFreshness = TimeSpan.FromMinutes(2);

    public const long LagLimit = 100_000;

    private readonly Lock _gate = new();

    private (Task<HealthCheckResult> Result, DateTimeOffset StartedAt)? _latest;

    private string[]? _partitionIds;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> result;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_latest is not { } latest || (latest.Result.IsCompleted && now - latest.StartedAt >= HealthService.CacheDuration))
            {
                _latest = latest = (EvaluateAsync(now), now);
            }

            result = latest.Result;
        }

        return result.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> EvaluateAsync(DateTimeOffset now)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            var partitionIds = _partitionIds ??= await producer.GetPartitionIdsAsync(timeout.Token);
            var owners = await checkpoints.ListOwnershipAsync(producer.FullyQualifiedNamespace, options.Value.HubName, options.Value.ConsumerGroup, timeout.Token);
            var owned = owners.Where(o => o.LastModifiedTime is { } renewed && now - renewed < OwnershipFreshness).Select(o => o.PartitionId).ToHashSet(StringComparer.Ordinal);
            var unowned = partitionIds.Where(id => !owned.Contains(id)).ToArray();
            var data = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["partitions"] = partitionIds.Length,
                ["owned"] = partitionIds.Length - unowned.Length,
                ["maxLag"] = metrics.MaxLag,
            };

            if (unowned.Length > 0)
            {
                return HealthCheckResult.Unhealthy($"No instance is processing partition(s) {string.Join(", ", unowned)}.", data: data);
            }

            return metrics.MaxLag > LagLimit
                ? HealthCheckResult.Degraded($"A partition is {metrics.MaxLag} events behind.", data: data)
                : HealthCheckResult.Healthy("Every partition is owned and keeping up.", data);
        }
#pragma warning disable CA1031 // Any failure to read the stream's state means "not ready"; it must never fail the health route.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The stream's ownership could not be read.", exception);
        }
    }
}
