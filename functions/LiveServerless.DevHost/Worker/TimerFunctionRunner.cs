using System.Text.Json;
using LiveServerless.DevHost.Worker.Protocol;
using NCrontab;

namespace LiveServerless.DevHost.Worker;

/// <summary>
/// Fires the worker's timer functions on their NCRONTAB schedules, as invocations carrying the timer payload the Functions host
/// sends (schedule status with last/next occurrence). One process, so no singleton lock; schedule status lives in memory.
/// </summary>
public sealed class TimerFunctionRunner(FunctionWorkerHost host, TimeProvider time, ILogger<TimerFunctionRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var session = await host.ReadyAsync(stoppingToken);
        var timers = session.Functions.Where(f => f.Trigger is TimerTrigger).ToArray();
        await Task.WhenAll(timers.Select(f => RunScheduleAsync(f.Name, (TimerTrigger)f.Trigger, stoppingToken)));
    }

    private async Task RunScheduleAsync(string functionName, TimerTrigger trigger, CancellationToken stoppingToken)
    {
        var schedule = CrontabSchedule.Parse(trigger.Schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        DateTime? last = null;
        var next = schedule.GetNextOccurrence(time.GetUtcNow().UtcDateTime);
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = next - time.GetUtcNow().UtcDateTime;
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var following = schedule.GetNextOccurrence(next);
            await InvokeAsync(functionName, trigger, Payload(last, next, following), stoppingToken);
            last = next;
            next = following;
        }
    }

    private string Payload(DateTime? last, DateTime scheduled, DateTime following) => JsonSerializer.Serialize(new
    {
        Schedule = new { AdjustForDST = true },
        ScheduleStatus = new { Last = last ?? scheduled, Next = following, LastUpdated = time.GetUtcNow().UtcDateTime },
        IsPastDue = time.GetUtcNow().UtcDateTime - scheduled > TimeSpan.FromSeconds(30),
    });

    private async Task InvokeAsync(string functionName, TimerTrigger trigger, string payload, CancellationToken stoppingToken)
    {
        try
        {
            var response = await host.InvokeAsync(
                functionName,
                Guid.NewGuid().ToString(),
                (_, request) => request.InputData.Add(new ParameterBinding { Name = trigger.BindingName, Data = new TypedData { Json = payload } }),
                stoppingToken);
            if (response.Result?.Status == StatusResult.Types.Status.Failure)
            {
                logger.LogError("Timer function {Function} failed: {Error}", functionName, response.Result.Exception?.Message);
            }
        }
        catch (Exception exception) when (exception is WorkerUnavailableException or TimeoutException)
        {
            logger.LogWarning("Timer function {Function} skipped: {Reason}", functionName, exception.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // DevHost is stopping.
        }
    }
}
