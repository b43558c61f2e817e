using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Realtime;

/// <summary>
/// Pushes room events to the room's group and manages membership. A failed push is logged and counted but never fails the
/// operation that caused it: the data is already stored and clients catch up from history. Membership changes do fail,
/// because a viewer who was not added to the group would silently miss the room.
/// </summary>
public sealed partial class RoomNotifier(SignalRClient signalR, IMeterFactory meters, ILogger<RoomNotifier> logger)
{
    private readonly Counter<long> _pushFailures = meters.Create(Telemetry.MeterName).CreateCounter<long>("liveserverless.realtime.push_failures");

    private readonly Counter<long> _pushes = meters.Create(Telemetry.MeterName).CreateCounter<long>("liveserverless.realtime.pushes");

    /// <summary>Sends one event to everyone in the room; false when it could not be delivered to the service.</summary>
    public async Task<bool> PublishAsync(string tenantId, string roomId, string target, object payload, CancellationToken cancellationToken)
    {
        try
        {
            await signalR.SendToGroupAsync(RealtimeNames.RoomGroup(tenantId, roomId), target, payload, cancellationToken);
            _pushes.Add(1, new KeyValuePair<string, object?>("target", target));
            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException || exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _pushFailures.Add(1, new KeyValuePair<string, object?>("target", target));
            LogPushFailed(exception, target, roomId);
            return false;
        }
    }

    public Task AddViewerAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        signalR.AddUserToGroupAsync(RealtimeNames.RoomGroup(tenantId, roomId), RealtimeNames.User(tenantId, userId), cancellationToken);

    public Task RemoveViewerAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        signalR.RemoveUserFromGroupAsync(RealtimeNames.RoomGroup(tenantId, roomId), RealtimeNames.User(tenantId, userId), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push {Target} to room {RoomId}; clients will catch up from history")]
    private partial void LogPushFailed(Exception exception, string target, string roomId);
}
