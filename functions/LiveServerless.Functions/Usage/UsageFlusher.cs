using Microsoft.Extensions.Logging;
using LiveServerless.Functions.Metering;

namespace LiveServerless.Functions.Usage;

/// <summary>Writes this instance's usage totals every few seconds (and on demand before a usage read).</summary>
public sealed class UsageFlusher(UsageMeter meter, UsageStore store, TimeProvider time, ILogger<UsageFlusher> logger) : PeriodicWorker(time, logger)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var changed = meter.TakeChanged();
            for (var i = 0; i < changed.Count; i++)
            {
                try
                {
                    await store.WriteAsync(changed[i].TenantId, changed[i].Day, meter.InstanceId, changed[i].Totals, cancellationToken);
                }
                catch
                {
                    // Not written: this row and the ones after it are written next time (the totals are cumulative, nothing is lost).
                    foreach (var (tenantId, day, _) in changed.Skip(i))
                    {
                        meter.MarkDirty(tenantId, day);
                    }

                    throw;
                }
            }

            meter.ForgetBefore(UsageMeter.DayOf(Time.GetUtcNow().AddDays(-1)));
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}
