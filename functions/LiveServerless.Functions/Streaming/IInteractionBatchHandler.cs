using LiveServerless.Domain.Interactions;

namespace LiveServerless.Functions.Streaming;

/// <summary>A batch of one partition's events, in stream order.</summary>
public sealed record InteractionBatch(string PartitionId, IReadOnlyList<StreamedInteraction> Events);

/// <summary>
/// One consumer of the interaction stream (room statistics, profiles, recommendations, ad delivery). Handlers must be
/// replay-safe — the same batch can arrive again after a crash or a rebalance — which they achieve with
/// <see cref="StreamWatermarks"/> on every document they update. Throw to have the batch retried; never swallow failures.
/// </summary>
public interface IInteractionBatchHandler
{
    string Name { get; }

    Task HandleAsync(InteractionBatch batch, CancellationToken cancellationToken);
}
