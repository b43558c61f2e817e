using LiveServerless.Functions.Realtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Presence;

/// <summary>
/// Pushes <c>viewers</c> to rooms whose audience changed, at most once per room per <see cref="Interval"/>: a thousand joins in
/// a second become one push with the counted total, not a thousand. Runs as a hosted service in the worker (and in DevHost).
/// </summary>
public sealed partial class ViewerCountPublisher(
    ViewerCountChanges changes, PresenceStore presence, RoomNotifier notifier, TimeProvider time, ILogger<ViewerCountPublisher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await PublishChangedAsync(stoppingToken);
        }
    }

    public async Task PublishChangedAsync(CancellationToken cancellationToken)
    {
        foreach (var (tenantId, roomId) in changes.Drain())
        {
            try
            {
                var count = await presence.CountActiveAsync(tenantId, roomId, time.GetUtcNow(), cancellationToken);
                changes.RecordCount(tenantId, roomId, count);
                await notifier.PublishAsync(tenantId, roomId, RealtimeTargets.Viewers, new ViewersEvent(roomId, count), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                changes.MarkChanged((tenantId, roomId));
                LogCountFailed(exception, roomId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count viewers of room {RoomId}; will retry")]
    private partial void LogCountFailed(Exception exception, string roomId);
}
