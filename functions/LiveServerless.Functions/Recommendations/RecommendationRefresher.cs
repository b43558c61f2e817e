using LiveServerless.Functions.Profiles;
using LiveServerless.Functions.Resilience;
using LiveServerless.Functions.Streaming;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Recommendations;

/// <summary>
/// Recomputes the lists of users whose profile changed, once per <see cref="RefreshInterval"/> at most, so a burst of interactions
/// costs one refresh. Runs as a hosted service next to the stream processor (and in DevHost).
/// </summary>
public sealed partial class RecommendationRefresher(
    ChangedProfiles queue, LiveRoomCandidates liveRooms, RecommendationService recommendations, TimeProvider time, ILogger<RecommendationRefresher> logger)
    : PeriodicWorker(time, logger)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    protected override TimeSpan Interval => RefreshInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RefreshPendingAsync(cancellationToken);

    public async Task RefreshPendingAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in queue.Drain().GroupBy(u => u.TenantId))
        {
            try
            {
                var candidates = await liveRooms.GetAsync(tenant.Key, cancellationToken);
                foreach (var (tenantId, userId) in tenant)
                {
                    await recommendations.RefreshAsync(tenantId, userId, candidates, cancellationToken);
                }
            }
            catch (Exception exception) when (FailureClassifier.IsRetryable(exception, cancellationToken))
            {
                foreach (var (tenantId, userId) in tenant)
                {
                    queue.MarkChanged((tenantId, userId));
                }

                LogRefreshFailed(exception, tenant.Key);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh recommendations of tenant {TenantId}; will retry")]
    private partial void LogRefreshFailed(Exception exception, string tenantId);
}
