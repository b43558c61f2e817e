using System.Text.Json;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Resilience;
using LiveServerless.Functions.Storage;
using Microsoft.Extensions.Logging;
using Polly;

namespace LiveServerless.Functions.Streaming;

/// <summary>
/// What happens to a partition's batch: client duplicates are dropped, then every handler runs, in registration order.
/// Transient failures (a dependency is down) are retried with backoff for as long as it takes — the partition waits, nothing
/// is skipped. A failure that is not transient is narrowed down by splitting the batch until the one event that fails is
/// found; that event goes to the dead-letter table with the reason and the rest are processed, so a poison event never
/// stalls a partition.
/// </summary>
public sealed partial class InteractionPipeline(
    IEnumerable<IInteractionBatchHandler> handlers,
    ClientRetryFilter clientRetries,
    IEnumerable<IInteractionFilter> filters,
    DeadLetterStore deadLetters,
    IEnumerable<IDeadLetterObserver> deadLetterObservers,
    StreamMetrics metrics,
    TimeProvider time,
    ILogger<InteractionPipeline> logger)
{
    private static readonly ResiliencePropertyKey<string> PartitionProperty = new("liveserverless.partition");

    private readonly IReadOnlyList<IInteractionBatchHandler> _handlers = [.. handlers];

    private readonly IReadOnlyList<IInteractionFilter> _filters = [.. filters];

    private readonly IReadOnlyList<IDeadLetterObserver> _deadLetterObservers = [.. deadLetterObservers];

    private readonly ResiliencePipeline _untilSuccess = Retries.UntilSuccess(time, (exception, attempt, delay, context) =>
        LogTransientFailure(logger, exception, context.Properties.GetValue(PartitionProperty, "?"), attempt, delay));

    public async Task ProcessAsync(string scope, InteractionBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Events.Count == 0)
        {
            return;
        }

        Exception? failure = null;
        await RetryTransientAsync(batch.PartitionId, async () =>
        {
            try
            {
                await RunHandlersAsync(batch, cancellationToken);
            }
            catch (Exception exception) when (!FailureClassifier.IsRetryable(exception, cancellationToken) && !cancellationToken.IsCancellationRequested)
            {
                failure = exception;
            }
        }, cancellationToken);

        if (failure is not null)
        {
            await IsolatePoisonAsync(scope, batch, failure, cancellationToken);
        }
    }

    /// <summary>
    /// Records an event that cannot be processed, then tells the observers (the tenant's <c>deadletter.created</c> webhook), retrying
    /// both while storage is unavailable; the checkpoint waits for both, so a crash in between repeats them (the letter and what
    /// observers record have fixed keys).
    /// </summary>
    public Task DeadLetterAsync(string scope, string partitionId, long sequenceNumber, string body, string reason, CancellationToken cancellationToken) =>
        RetryTransientAsync(partitionId, async () =>
        {
            var letter = new DeadLetter(partitionId, sequenceNumber, reason, body, time.GetUtcNow());
            await deadLetters.AddAsync(scope, letter, cancellationToken);
            var interaction = TryRead(body);
            foreach (var observer in _deadLetterObservers)
            {
                await observer.DeadLetteredAsync(scope, letter, interaction, cancellationToken);
            }

            metrics.DeadLettered(partitionId);
            LogDeadLettered(partitionId, sequenceNumber, reason);
        }, cancellationToken);

    /// <summary>The interaction a dead letter holds, if its body is one (a body that is not says nothing about whose it is).</summary>
    private static Interaction? TryRead(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<Interaction>(body, StorageJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Runs <paramref name="action"/> until it succeeds, waiting out transient failures (<see cref="Retries.UntilSuccess"/>).</summary>
    public async Task RetryTransientAsync(string partitionId, Func<Task> action, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(PartitionProperty, partitionId);
        try
        {
            await _untilSuccess.ExecuteAsync(static async (_, run) => await run(), context, action);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task RunHandlersAsync(InteractionBatch batch, CancellationToken cancellationToken)
    {
        var (keep, duplicates) = await clientRetries.FilterAsync(batch.Events, cancellationToken);
        if (duplicates > 0)
        {
            metrics.DuplicatesDropped(duplicates);
        }

        foreach (var filter in _filters)
        {
            keep = await filter.FilterAsync(keep, cancellationToken);
        }

        var filtered = batch with { Events = keep };
        foreach (var handler in _handlers)
        {
            try
            {
                await handler.HandleAsync(filtered, cancellationToken);
            }
            catch (Exception exception) when (!FailureClassifier.IsRetryable(exception, cancellationToken) && !cancellationToken.IsCancellationRequested)
            {
                throw new HandlerFailedException(handler.Name, exception);
            }
        }
    }

    private async Task IsolatePoisonAsync(string scope, InteractionBatch batch, Exception failure, CancellationToken cancellationToken)
    {
        if (batch.Events.Count == 1)
        {
            var poison = batch.Events[0];
            var body = JsonSerializer.Serialize(poison.Interaction, StorageJson.Options);
            await DeadLetterAsync(scope, poison.PartitionId, poison.SequenceNumber, body, Describe(failure), cancellationToken);
            return;
        }

        var half = batch.Events.Count / 2;
        await ProcessAsync(scope, batch with { Events = batch.Events.Take(half).ToArray() }, cancellationToken);
        await ProcessAsync(scope, batch with { Events = batch.Events.Skip(half).ToArray() }, cancellationToken);
    }

    /// <summary>
    /// Which handler gave up and why. Handlers before it in the pipeline have applied the event (exactly once, by their
    /// watermarks); the failing one and those after it have not.
    /// </summary>
    private static string Describe(Exception failure) => failure is HandlerFailedException handlerFailure
        ? $"handler '{handlerFailure.Handler}' failed: {handlerFailure.InnerException!.GetType().Name}: {handlerFailure.InnerException.Message}"
        : $"{failure.GetType().Name}: {failure.Message}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {PartitionId}: transient failure (attempt {Attempt}); retrying in {Delay}")]
    private static partial void LogTransientFailure(ILogger logger, Exception exception, string partitionId, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Partition {PartitionId}: event {SequenceNumber} dead-lettered: {Reason}")]
    private partial void LogDeadLettered(string partitionId, long sequenceNumber, string reason);
}

/// <summary>A handler failed on a batch for a reason retrying cannot cure.</summary>
public sealed class HandlerFailedException(string handler, Exception inner) : Exception($"Handler '{handler}' failed.", inner)
{
    public string Handler { get; } = handler;
}
