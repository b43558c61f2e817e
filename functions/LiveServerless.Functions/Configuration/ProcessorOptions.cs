using Azure.Messaging.EventHubs.Processor;

namespace LiveServerless.Functions.Configuration;

/// <summary>
/// Tuning of the stream processor. The defaults suit Azure (batches of up to 500, a second of latency at most, rebalancing
/// every 10 s), so neither Bicep nor the local sample sets them; tests set shorter intervals.
/// </summary>
[SettingsSection(Section)]
public sealed class ProcessorOptions
{
    public const string Section = "Processor";

    /// <summary>At most this many events per batch (one checkpoint per batch); at least 1.</summary>
    [SettingScope(SettingScope.Optional)]
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>Events each partition's receiver buffers ahead of the batch being processed; 0 turns prefetching off.</summary>
    [SettingScope(SettingScope.Optional)]
    public int PrefetchCount { get; set; } = 1000;

    /// <summary>A batch is handed over after at most this long, full or not (an idle partition then reports its time).</summary>
    [SettingScope(SettingScope.Optional)]
    public TimeSpan MaximumWaitTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an instance renews its partitions and looks for partitions to claim.</summary>
    [SettingScope(SettingScope.Optional)]
    public TimeSpan LoadBalancingUpdateInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a crashed instance's partitions stay claimed; longer than the update interval, at which claims are renewed.</summary>
    [SettingScope(SettingScope.Optional)]
    public TimeSpan PartitionOwnershipExpirationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Greedy claims every unowned partition at once (fast start of a single instance); instances still balance out.</summary>
    [SettingScope(SettingScope.Optional)]
    public LoadBalancingStrategy LoadBalancingStrategy { get; set; } = LoadBalancingStrategy.Greedy;
}
