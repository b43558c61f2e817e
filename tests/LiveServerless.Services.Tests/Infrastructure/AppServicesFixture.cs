using LiveServerless.DevHost.Local;
using LiveServerless.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveServerless.Services.Tests.Infrastructure;

/// <summary>
/// The app's services exactly as <see cref="AppServices.AddLiveServerless"/> registers them, over one in-memory Azurite for the whole
/// run. Nothing is hosted: no hosted service starts, and the rules run in the calling test. SignalR Service and Event Hubs point at a
/// closed port: the services under test treat both as best-effort followers of a durable write (a push, a count), never as part of it.
/// </summary>
public sealed class AppServicesFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    private ServiceProvider? _services;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The fixture has not started.");

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _azurite = await Azurite.StartAsync(
            new AzuriteOptions(RepoPaths.FindRoot(), DataDirectory: null, Ports.FindFree(), Ports.FindFree(), Ports.FindFree()), NullLogger.Instance, timeout.Token);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(_azurite.Options.ConnectionString, Ports.FindFree())).Build();
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

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> Settings(string storage, int closedPort) => new()
    {
        ["Tables:ConnectionString"] = storage,
        ["AzureWebJobsStorage"] = storage,
        ["Admin:ApiKey"] = "service-tests-admin-key-0123456789",
        ["UserTokens:SigningKey"] = "service-tests-user-token-signing-key-32-bytes",
        ["Cosmos:ConnectionString"] = $"AccountEndpoint=http://127.0.0.1:{closedPort}/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
        ["EventHubs:ConnectionString"] = $"Endpoint=sb://127.0.0.1:{closedPort};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;",
        ["EventHubs:HubName"] = "interactions",
        ["SignalR:ConnectionString"] = $"Endpoint=http://127.0.0.1;Port={closedPort};AccessKey=service-tests-signalr-access-key-32-bytes;Version=1.0;",
    };
}

[CollectionDefinition(Name)]
public sealed class AppServicesCollection : ICollectionFixture<AppServicesFixture>
{
    public const string Name = "app services over Azurite";
}
