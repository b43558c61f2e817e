using Azure.Data.Tables;
using Azure.Messaging.EventHubs.Producer;
using LiveServerless.Functions;
using LiveServerless.Functions.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Operations.Tests;

/// <summary>
/// The Azure SDK clients come from the client factory (Microsoft.Extensions.Azure), built from the same settings locally and in
/// Azure: connection strings for the emulators, endpoints with the managed identity in Azure. Nothing here connects.
/// </summary>
public sealed class AzureClientsTests
{
    private static readonly Dictionary<string, string?> Common = new(StringComparer.Ordinal)
    {
        ["Admin:ApiKey"] = "test-admin-key-that-is-long-enough-0000",
        ["UserTokens:SigningKey"] = "test-user-token-signing-key-long-enough-0000",
        ["Ads:ImpressionTokenKey"] = "test-ads-impression-token-key-long-enough-00",
        ["SignalR:ConnectionString"] = "Endpoint=http://localhost:1;AccessKey=test-signalr-access-key-long-enough-000000;Version=1.0;",
    };

    [Fact]
    public async Task Clients_UseTheEmulatorsConnectionStrings_Locally()
    {
        await using var services = Build(new(Common)
        {
            ["Tables:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Cosmos:ConnectionString"] = "AccountEndpoint=http://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==;",
            ["EventHubs:ConnectionString"] = "Endpoint=sb://localhost:5673;SharedAccessKeyName=test;SharedAccessKey=test;UseDevelopmentEmulator=true",
            ["EventHubs:HubName"] = "interactions",
        });

        Assert.Equal("devstoreaccount1", services.GetRequiredService<TableServiceClient>().AccountName);
        var producer = services.GetRequiredService<EventHubProducerClient>();
        Assert.Equal("localhost", producer.FullyQualifiedNamespace);
        Assert.Equal("interactions", producer.EventHubName);
        var cosmos = services.GetRequiredService<CosmosClient>();
        Assert.Equal(new Uri("http://localhost:8081/"), cosmos.Endpoint);
        Assert.Equal(ConnectionMode.Gateway, cosmos.ClientOptions.ConnectionMode);
        Assert.IsType<CosmosJsonSerializer>(cosmos.ClientOptions.Serializer);
    }

    [Fact]
    public async Task Clients_UseTheEndpointsWithTheManagedIdentity_InAzure()
    {
        await using var services = Build(new(Common)
        {
            ["ManagedIdentity:ClientId"] = "11111111-2222-3333-4444-555555555555",
            ["Tables:ServiceUri"] = "https://stexample.table.core.windows.net/",
            ["Cosmos:AccountEndpoint"] = "https://cosmos-example.documents.azure.com:443/",
            ["EventHubs:FullyQualifiedNamespace"] = "evhns-example.servicebus.windows.net",
        });

        Assert.Equal(new Uri("https://stexample.table.core.windows.net/"), services.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal("evhns-example.servicebus.windows.net", services.GetRequiredService<EventHubProducerClient>().FullyQualifiedNamespace);
        Assert.Equal(new Uri("https://cosmos-example.documents.azure.com:443/"), services.GetRequiredService<CosmosClient>().Endpoint);
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(services.GetRequiredService<Azure.Core.TokenCredential>());
    }

    [Fact]
    public async Task Clients_AreTheFactorysDefaultClients()
    {
        await using var services = Build(new(Common)
        {
            ["Tables:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Cosmos:ConnectionString"] = "AccountEndpoint=http://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==;",
            ["EventHubs:ConnectionString"] = "Endpoint=sb://localhost:5673;SharedAccessKeyName=test;SharedAccessKey=test;UseDevelopmentEmulator=true",
        });

        Assert.Same(services.GetRequiredService<IAzureClientFactory<TableServiceClient>>().CreateClient("Default"), services.GetRequiredService<TableServiceClient>());
        Assert.Same(services.GetRequiredService<IAzureClientFactory<EventHubProducerClient>>().CreateClient("Default"), services.GetRequiredService<EventHubProducerClient>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddLiveServerless().BuildServiceProvider();
    }
}
