using LiveServerless.DevHost.Local;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions;
using LiveServerless.Functions.RoomStats;
using LiveServerless.Functions.Streaming;
using LiveServerless.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Api.Tests.Stream;

/// <summary>
/// One app instance for processor tests: the app's own registrations (<see cref="AppServices.AddLiveServerless"/>) against the
/// test emulators, on a hub and Cosmos database of its own, with fast load balancing and optional extra handlers. Several
/// harnesses on the same hub, group and database behave like several Function App instances.
/// </summary>
public sealed class ProcessorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private readonly List<InteractionProcessor> _processors = [];

    public ProcessorHarness(
        DevHostFixture fixture, string hub, string database, IEnumerable<IInteractionBatchHandler>? extraHandlers = null, TimeProvider? clock = null)
    {
        // The development defaults first, as DevHost layers them: the app's registrations may read any required setting.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalSettings.Load(fixture.RepoRoot))
            .AddInMemoryCollection(fixture.SettingsWith(
                ("EventHubs:HubName", hub),
                ("EventHubs:ConsumerGroup", "tests"),
                ("Cosmos:DatabaseName", database),
                ("Processor:MaxBatchSize", "100"),
                ("Processor:MaximumWaitTime", "00:00:00.300"),
                ("Processor:LoadBalancingUpdateInterval", "00:00:01"),
                ("Processor:PartitionOwnershipExpirationInterval", "00:00:04"),
                ("Processor:LoadBalancingStrategy", "Balanced")))
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddLiveServerless();
        foreach (var handler in extraHandlers ?? [])
        {
            services.AddSingleton(handler);
        }

        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        _provider = services.BuildServiceProvider();
    }

    public InteractionPublisher Publisher => _provider.GetRequiredService<InteractionPublisher>();

    public RoomStatsStore Stats => _provider.GetRequiredService<RoomStatsStore>();

    public DeadLetterStore DeadLetters => _provider.GetRequiredService<DeadLetterStore>();

    public StreamMetrics Metrics => _provider.GetRequiredService<StreamMetrics>();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public async Task<InteractionProcessor> StartProcessorAsync(string identifier)
    {
        var processor = _provider.GetRequiredService<InteractionProcessorFactory>().Create(identifier);
        _processors.Add(processor);
        await processor.StartProcessingAsync();
        return processor;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var processor in _processors.Where(p => p.IsRunning))
        {
            await processor.StopProcessingAsync();
        }

        await _provider.DisposeAsync();
    }

    /// <summary>A synthetic interaction of a test tenant's room, as the ingest endpoint would stamp it.</summary>
    public static Interaction Event(string tenantId, string roomId, string userId, InteractionType type, int count = 1, decimal unitValue = 0m, int seconds = 0) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        TenantId = tenantId,
        UserId = userId,
        RoomId = roomId,
        Type = type,
        OccurredAt = DateTimeOffset.UtcNow,
        HostUserId = "host-of-" + roomId,
        Count = count,
        UnitValue = unitValue,
        HostShare = type == InteractionType.Gift ? 0.3m : 0m,
        GiftId = type == InteractionType.Gift ? "rose" : null,
        WatchSeconds = seconds,
    };
}
