using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace LiveServerless.DevHost.Functions;

/// <summary>Runs one timer function on its CRON schedule, like the Functions host's timer trigger (without the singleton lock: DevHost is one process).</summary>
public sealed class TimerFunctionRunner(TimerFunction function, IServiceScopeFactory scopes, TimeProvider time, ILogger<TimerFunctionRunner> logger)
    : BackgroundService
{
    private readonly CrontabSchedule _schedule = CrontabSchedule.Parse(function.Schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = time.GetUtcNow().UtcDateTime;
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = _schedule.GetNextOccurrence(last);
            var delay = next - time.GetUtcNow().UtcDateTime;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, stoppingToken);
            }

            last = next;
            await RunOnceAsync(next, stoppingToken);
        }
    }

    private async Task RunOnceAsync(DateTime scheduledFor, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var timerInfo = new TimerInfo
        {
            IsPastDue = time.GetUtcNow().UtcDateTime - scheduledFor > TimeSpan.FromSeconds(30),
            ScheduleStatus = new ScheduleStatus { Last = scheduledFor, Next = _schedule.GetNextOccurrence(scheduledFor), LastUpdated = time.GetUtcNow().UtcDateTime },
        };
        try
        {
            await FunctionInvoker.InvokeAsync(function.Method, scope.ServiceProvider, p => p.ParameterType == typeof(TimerInfo) ? timerInfo : stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Timer function {Function} failed", function.Name);
        }
    }
}
