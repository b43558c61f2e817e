using Azure.Messaging.EventHubs.Processor;

namespace LiveServerless.Functions.Streaming;

/// <summary>
/// Tuning of the stream processor. The defaults suit Azure (batches of up to 500, a second of latency at most, rebalancing
/// every 10 s); tests register shorter intervals.
/// </summary>
public sealed record ProcessorSettings
{
    public int MaxBatchSize { get; init; } = 500;

    public int PrefetchCount { get; init; } = 1000;

    public TimeSpan MaximumWaitTime { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan LoadBalancingUpdateInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan PartitionOwnershipExpirationInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Greedy claims every unowned partition at once (fast start of a single instance); instances still balance out.</summary>
    public LoadBalancingStrategy LoadBalancingStrategy { get; init; } = LoadBalancingStrategy.Greedy;
}
