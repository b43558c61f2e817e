using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Erasure;

/// <summary>Advances pending erasure jobs every <see cref="RoundInterval"/>; after a crash or restart it simply picks them up again.</summary>
public sealed class ErasureWorker(ErasureService erasures, TimeProvider time, ILogger<ErasureWorker> logger) : PeriodicWorker(time, logger)
{
    public static readonly TimeSpan RoundInterval = TimeSpan.FromSeconds(1);

    protected override TimeSpan Interval => RoundInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => erasures.RunPendingAsync(cancellationToken);
}
