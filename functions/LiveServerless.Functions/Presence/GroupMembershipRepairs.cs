using LiveServerless.Functions.Realtime;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Presence;

/// <summary>
/// Viewers whose presence is recorded but whom SignalR Service could not be told to add to the room's group (it was slow or
/// down when they joined). A join never fails for that; <see cref="GroupMembershipRepairer"/> tries again until it succeeds.
/// </summary>
public sealed class GroupMembershipRepairs : PendingSet<(string TenantId, string RoomId, string UserId)>;

/// <summary>
/// Adds the viewers in <see cref="GroupMembershipRepairs"/> to their rooms' groups, once per <see cref="RepairInterval"/>, as
/// long as they are still present; a viewer who left or lapsed meanwhile is dropped. A repair that fails waits for the next round.
/// </summary>
public sealed partial class GroupMembershipRepairer(
    GroupMembershipRepairs repairs, PresenceStore presence, RoomNotifier notifier, TimeProvider time, ILogger<GroupMembershipRepairer> logger)
    : PeriodicWorker(time, logger)
{
    public static readonly TimeSpan RepairInterval = TimeSpan.FromSeconds(1);

    protected override TimeSpan Interval => RepairInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var viewer in repairs.Drain())
        {
            try
            {
                var present = await presence.GetAsync(viewer.TenantId, viewer.RoomId, viewer.UserId, cancellationToken);
                if (present is not null && present.IsActiveAt(Time.GetUtcNow())
                    && !await notifier.AddViewerAsync(viewer.TenantId, viewer.RoomId, viewer.UserId, cancellationToken))
                {
                    repairs.MarkChanged(viewer);
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                repairs.MarkChanged(viewer);
                LogRepairFailed(exception, viewer.RoomId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check a viewer's presence in room {RoomId}; will retry")]
    private partial void LogRepairFailed(Exception exception, string roomId);
}
