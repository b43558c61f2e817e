using LiveServerless.DevHost.Local;
using LiveServerless.Emulators.EventHubs;
using LiveServerless.Emulators.SignalR;
using LiveServerless.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveServerless.Services.Tests.Infrastructure;

/// <summary>
/// The app's services exactly as <see cref="AppServices.AddLiveServerless"/> registers them, over one in-memory Azurite for the whole
/// run (started as the end-to-end suite starts it), with the in-process SignalR and Event Hubs emulators for the pushes and counts that
/// follow a write — without them every join would wait out the SignalR client's retries and every credited span the stream's
/// timeout, and the tests would run the failure paths instead of the normal one. No DevHost, no worker, no Cosmos DB: nothing is
/// hosted, no hosted service starts, and the rules run in the calling test.
/// </summary>
public sealed class AppServicesFixture : IAsyncLifetime
{
    private const string Hub = "interactions";

    private Azurite? _azurite;

    private SignalREmulator? _signalR;

    private EventHubsEmulator? _eventHubs;

    private ServiceProvider? _services;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The fixture has not started.");

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _azurite = await Azurite.StartAsync(
            new AzuriteOptions(RepoPaths.FindRoot(), DataDirectory: null, Ports.FindFree(), Ports.FindFree(), Ports.FindFree()), NullLogger.Instance, timeout.Token);
        _signalR = await SignalREmulator.StartAsync(new SignalREmulatorOptions { Port = 0, AccessKey = "service-tests-signalr-access-key-32-bytes" }, cancellationToken: timeout.Token);
        var hubs = new EventHubsEmulatorOptions { Port = 0 };
        hubs.EventHubs[Hub] = 4;
        _eventHubs = await EventHubsEmulator.StartAsync(hubs, cancellationToken: timeout.Token);
        var settings = Settings(_azurite.Options.ConnectionString, _signalR.ConnectionString, _eventHubs.ConnectionString);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddLiveServerless();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_signalR is not null)
        {
            await _signalR.DisposeAsync();
        }

        if (_eventHubs is not null)
        {
            await _eventHubs.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>Cosmos DB points at a closed port: nothing under test reads it, and no hosted service (its initializer) starts.</summary>
    private static Dictionary<string, string?> Settings(string storage, string signalR, string eventHubs) => new()
    {
        ["Tables:ConnectionString"] = storage,
        ["AzureWebJobsStorage"] = storage,
        ["Admin:ApiKey"] = "service-tests-admin-key-0123456789",
        ["UserTokens:SigningKey"] = "service-tests-user-token-signing-key-32-bytes",
        ["Cosmos:ConnectionString"] = $"AccountEndpoint=http://127.0.0.1:{Ports.FindFree()}/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
        ["EventHubs:ConnectionString"] = eventHubs,
        ["EventHubs:HubName"] = Hub,
        ["SignalR:ConnectionString"] = signalR,
    };
}

[CollectionDefinition(Name)]
public sealed class AppServicesCollection : ICollectionFixture<AppServicesFixture>
{
    public const string Name = "app services over Azurite";
}
