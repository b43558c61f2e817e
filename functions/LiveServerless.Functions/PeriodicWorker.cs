using LiveServerless.Functions.Resilience;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions;

/// <summary>
/// The one base of the worker's periodic background services. A round that throws — whatever it throws — is logged, the next
/// one waits longer (doubling up to <see cref="MaxBackoff"/>), and the service goes on; only the host's shutdown stops it.
/// An unhandled exception in a <see cref="BackgroundService"/> would otherwise stop the whole host.
/// </summary>
public abstract partial class PeriodicWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The clock rounds wait on; derived workers read the time from it too.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The pause between two rounds that succeeded.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One round of work.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                failures = 0;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                LogRoundFailed(logger, exception, GetType().Name, failures, FailureClassifier.Classify(exception, stoppingToken));
            }

            try
            {
                await Task.Delay(Pause(failures), Time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private TimeSpan Pause(int failures) =>
        failures == 0 ? Interval : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, Interval.Ticks * (1L << Math.Min(failures, 16))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker}: round failed ({Failures} in a row, {Kind}); backing off and going on")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string worker, int failures, FailureKind kind);
}
