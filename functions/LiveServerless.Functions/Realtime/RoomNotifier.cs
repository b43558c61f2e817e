using System.Diagnostics.Metrics;
using LiveServerless.Functions.Resilience;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Realtime;

/// <summary>
/// Pushes room events to the room's group and manages membership — always after the durable write, never as part of it
/// (docs/architecture.md, *Faults*). Every call here is best-effort and bounded by <see cref="Budget"/>: a SignalR Service that is slow, down
/// or resetting connections costs the caller at most that long, is logged and counted, and answers false; clients catch up
/// from history, statistics and the next join. Only the caller's own cancellation passes through.
/// </summary>
public sealed partial class RoomNotifier(SignalRClient signalR, IMeterFactory meters, ILogger<RoomNotifier> logger)
{
    /// <summary>The most a push may add to the request or batch that caused it. Retrying a live push longer is pointless.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private readonly Counter<long> _pushFailures = meters.Create(Telemetry.MeterName).CreateCounter<long>("liveserverless.realtime.push_failures");

    private readonly Counter<long> _pushes = meters.Create(Telemetry.MeterName).CreateCounter<long>("liveserverless.realtime.pushes");

    /// <summary>Sends one event to everyone in the room; false when it could not be delivered to the service.</summary>
    public Task<bool> PublishAsync(string tenantId, string roomId, string target, object payload, CancellationToken cancellationToken) =>
        TryAsync(target, roomId, token => signalR.SendToGroupAsync(RealtimeNames.RoomGroup(tenantId, roomId), target, payload, token), cancellationToken);

    /// <summary>Adds the viewer's connections to the room's group; false when the service could not be told.</summary>
    public Task<bool> AddViewerAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        TryAsync("addToGroup", roomId, token => signalR.AddUserToGroupAsync(RealtimeNames.RoomGroup(tenantId, roomId), RealtimeNames.User(tenantId, userId), token), cancellationToken);

    /// <summary>Takes the viewer's connections out of the room's group; false when the service could not be told.</summary>
    public Task<bool> RemoveViewerAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        TryAsync("removeFromGroup", roomId, token => signalR.RemoveUserFromGroupAsync(RealtimeNames.RoomGroup(tenantId, roomId), RealtimeNames.User(tenantId, userId), token), cancellationToken);

    private async Task<bool> TryAsync(string operation, string roomId, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        var tag = new KeyValuePair<string, object?>("target", operation);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            await call(budget.Token);
            _pushes.Add(1, tag);
            return true;
        }
        catch (Exception exception) when (FailureClassifier.Classify(exception, cancellationToken) != FailureKind.Cancelled)
        {
            _pushFailures.Add(1, tag);
            LogPushFailed(exception, operation, roomId, FailureClassifier.Classify(exception, cancellationToken));
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {Operation} for room {RoomId} ({Kind}); clients catch up from durable state")]
    private partial void LogPushFailed(Exception exception, string operation, string roomId, FailureKind kind);
}
