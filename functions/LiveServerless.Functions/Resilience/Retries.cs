using Polly;
using Polly.Retry;

namespace LiveServerless.Functions.Resilience;

/// <summary>
/// The app's retry policies as Polly pipelines, every one deciding what to retry through <see cref="FailureClassifier"/>.
/// HTTP calls to SignalR Service get theirs from the standard resilience handler (AppServices); these cover the rest.
/// </summary>
public static class Retries
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries transient and throttled failures for as long as it takes, with capped exponential backoff and jitter (honouring a
    /// dependency's retry-after). For work that must not be skipped — a stream partition waits rather than loses an event.
    /// Anything else (and the caller's cancellation) passes straight through.
    /// </summary>
    public static ResiliencePipeline UntilSuccess(TimeProvider time, Action<Exception, int, TimeSpan, ResilienceContext> onRetry) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && FailureClassifier.IsRetryable(e, args.Context.CancellationToken)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstDelay,
                MaxDelay = MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is { } e && FailureClassifier.RetryAfter(e) is { } after ? after : (TimeSpan?)null),
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception!, args.AttemptNumber + 1, args.RetryDelay, args.Context);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>
    /// Starting something that must run for the life of the process (the stream processor): any failure is retried with
    /// backoff until it starts or the host stops.
    /// </summary>
    public static ResiliencePipeline StartUntilRunning(TimeProvider time, Action<Exception, TimeSpan> onRetry) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && FailureClassifier.Classify(e, args.Context.CancellationToken) != FailureKind.Cancelled),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = MaxDelay,
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception!, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>
    /// A compare-and-swap write that lost to a concurrent writer is re-read and re-applied, a few times, after a short random
    /// pause so the writers spread out; <paramref name="isLostRace"/> says which failures are such a loss.
    /// </summary>
    public static ResiliencePipeline OptimisticConcurrency(int maxAttempts, Func<Exception, bool> isLostRace) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && isLostRace(e)),
                MaxRetryAttempts = maxAttempts - 1,
                BackoffType = DelayBackoffType.Linear,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(10),
            })
            .Build();
}
