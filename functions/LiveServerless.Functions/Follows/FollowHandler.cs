using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Streaming;

namespace LiveServerless.Functions.Follows;

/// <summary>
/// Writes follow edges from the stream, so ingest only publishes (a request is all-or-nothing) and the edge exists exactly when the
/// follow event does. Upserts are idempotent, so replays are harmless.
/// </summary>
public sealed class FollowHandler(FollowStore follows) : IInteractionBatchHandler
{
    public string Name => "follows";

    public async Task HandleAsync(InteractionBatch batch, CancellationToken cancellationToken)
    {
        foreach (var e in batch.Events.Select(e => e.Interaction).Where(i => i is { Type: InteractionType.Follow, HostUserId: not null }))
        {
            await follows.FollowAsync(e.TenantId, new Follow(e.UserId, e.HostUserId!, e.OccurredAt), cancellationToken);
        }
    }
}
