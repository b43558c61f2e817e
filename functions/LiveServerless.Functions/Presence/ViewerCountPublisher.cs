using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.Resilience;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Presence;

/// <summary>
/// Adds a <c>viewers</c> event to the log of each room whose audience changed, at most once per room per <see cref="PublishInterval"/>:
/// a thousand joins in a second become one event with the counted total, not a thousand. Runs as a hosted service in the worker (and in DevHost).
/// </summary>
public sealed partial class ViewerCountPublisher(
    ViewerCountChanges changes, PresenceStore presence, RoomLogWriter log, TimeProvider time, ILogger<ViewerCountPublisher> logger)
    : PeriodicWorker(time, logger)
{
    public static readonly TimeSpan PublishInterval = TimeSpan.FromSeconds(1);

    protected override TimeSpan Interval => PublishInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => PublishChangedAsync(cancellationToken);

    public async Task PublishChangedAsync(CancellationToken cancellationToken)
    {
        foreach (var (tenantId, roomId) in changes.Drain())
        {
            try
            {
                var count = await presence.CountActiveAsync(tenantId, roomId, Time.GetUtcNow(), cancellationToken);
                changes.RecordCount(tenantId, roomId, count);
                await log.TryAppendAsync(tenantId, roomId, RoomEventTypes.Viewers, new ViewersEvent(roomId, count), cancellationToken);
            }
            catch (Exception exception) when (FailureClassifier.Classify(exception, cancellationToken) != FailureKind.Cancelled)
            {
                changes.MarkChanged((tenantId, roomId));
                LogCountFailed(exception, roomId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count viewers of room {RoomId}; will retry")]
    private partial void LogCountFailed(Exception exception, string roomId);
}
