using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.Streaming;

namespace LiveServerless.Functions.RoomStats;

/// <summary>
/// Keeps each room's statistics from the stream: one read-change-write per room per batch (a thousand likes on one room are
/// one write), then one <c>roomStats</c> event in the room's log with what changed (best-effort: the statistics are the durable state, the
/// event only tells clients sooner).
/// </summary>
public sealed class RoomStatsHandler(RoomStatsStore store, RoomLogWriter log, TimeProvider time) : IInteractionBatchHandler
{
    public string Name => "roomStats";

    public async Task HandleAsync(InteractionBatch batch, CancellationToken cancellationToken)
    {
        foreach (var room in batch.Events.GroupBy(e => (e.Interaction.TenantId, e.Interaction.RoomId)))
        {
            var (tenantId, roomId) = room.Key;
            var (before, after) = await store.UpdateAsync(tenantId, roomId, stats => stats.Apply(room), cancellationToken);
            if (!ReferenceEquals(before, after))
            {
                var push = RoomStatsResponse.From(after, time.GetUtcNow()) with { Delta = RoomStatsDelta.Between(before, after) };
                await log.TryAppendAsync(tenantId, roomId, RoomEventTypes.RoomStats, push, cancellationToken);
            }
        }
    }
}
