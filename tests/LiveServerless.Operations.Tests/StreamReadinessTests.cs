using Azure.Data.Tables;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Producer;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Health;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveServerless.Operations.Tests;

public sealed class StreamReadinessTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);

    private readonly FakeOwnership _ownership = new();

    private readonly StreamMetrics _metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    private StreamReadinessCheck Check() =>
        new(_ownership, new FakeProducer(["0", "1"]), Options.Create(new EventHubsOptions { HubName = "interactions", ConsumerGroup = "processor" }), _metrics, _time);

    [Fact]
    public async Task Ready_WhenEveryPartitionHasARecentOwner_AndKeepsUp()
    {
        _ownership.Owned = [Owner("0", Now.AddSeconds(-5)), Owner("1", Now.AddSeconds(-20))];
        _metrics.BatchProcessed("0", 10, lag: 3);

        var result = await Check().CheckHealthAsync(new());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task NotReady_WhenAPartitionHasNoOwnerOrItsOwnerStoppedRenewing()
    {
        _ownership.Owned = [Owner("0", Now.AddSeconds(-5)), Owner("1", Now - StreamReadinessCheck.OwnershipFreshness - TimeSpan.FromSeconds(1))];

        var result = await Check().CheckHealthAsync(new());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("partition(s) 1", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Degraded_WhenAPartitionLagsFarBehind()
    {
        _ownership.Owned = [Owner("0", Now), Owner("1", Now)];
        _metrics.BatchProcessed("1", 100, lag: StreamReadinessCheck.LagLimit + 1);

        var result = await Check().CheckHealthAsync(new());

        Assert.Equal(HealthStatus.Degraded, result.Status);
    }

    [Fact]
    public async Task NotReady_WhenTheOwnershipTableCannotBeRead()
    {
        _ownership.Fails = true;

        var result = await Check().CheckHealthAsync(new());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task ABurstOfReadinessChecks_ReadsTheOwnershipTableOnce()
    {
        _ownership.Owned = [Owner("0", Now), Owner("1", Now)];
        var check = Check();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => check.CheckHealthAsync(new())));
        Assert.Equal(1, _ownership.Reads);

        _time.Advance(HealthService.CacheDuration);
        await check.CheckHealthAsync(new());
        Assert.Equal(2, _ownership.Reads);
    }

    private static EventProcessorPartitionOwnership Owner(string partitionId, DateTimeOffset renewed) => new()
    {
        FullyQualifiedNamespace = FakeProducer.Namespace,
        EventHubName = "interactions",
        ConsumerGroup = "processor",
        PartitionId = partitionId,
        OwnerIdentifier = "instance-a",
        LastModifiedTime = renewed,
    };

    private sealed class FakeOwnership() : TableCheckpointStore(new TableProvider(new TableServiceClient("UseDevelopmentStorage=true")), TimeProvider.System)
    {
        private int _reads;

        public IReadOnlyList<EventProcessorPartitionOwnership> Owned { get; set; } = [];

        public bool Fails { get; set; }

        public int Reads => _reads;

        public override Task<IReadOnlyList<EventProcessorPartitionOwnership>> ListOwnershipAsync(
            string fullyQualifiedNamespace, string eventHubName, string consumerGroup, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return Fails
                ? Task.FromException<IReadOnlyList<EventProcessorPartitionOwnership>>(new Azure.RequestFailedException("unreachable"))
                : Task.FromResult(Owned);
        }
    }

    /// <summary>A real client (it connects only when used) whose partition list is given.</summary>
    private sealed class FakeProducer(string[] partitionIds)
        : EventHubProducerClient($"Endpoint=sb://{Namespace}/;SharedAccessKeyName=test;SharedAccessKey=test", "interactions")
    {
        public const string Namespace = "test.servicebus.windows.net";

        public override Task<string[]> GetPartitionIdsAsync(CancellationToken cancellationToken = default) => Task.FromResult(partitionIds);
    }
}
