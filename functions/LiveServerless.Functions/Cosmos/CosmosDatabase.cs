using System.Collections.Concurrent;
using LiveServerless.Functions.Configuration;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Cosmos;

/// <summary>
/// Hands out containers of the app's database. Locally (Cosmos:EnsureCreated) the database and each container are created on
/// first use; in Azure, Bicep owns them and the data-plane role could not create them anyway.
/// </summary>
public sealed class CosmosDatabase(CosmosClient client, IOptions<CosmosOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Container>>> _containers = new(StringComparer.Ordinal);

    public CosmosClient Client => client;

    public string Name => options.Value.DatabaseName;

    public async Task<Container> ContainerAsync(CosmosContainer container, CancellationToken cancellationToken)
    {
        if (!options.Value.EnsureCreated)
        {
            return client.GetContainer(Name, container.Name);
        }

        var lazy = _containers.GetOrAdd(container.Name, _ => new Lazy<Task<Container>>(() => CreateAsync(container)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch when (lazy.Value.IsFaulted)
        {
            _containers.TryRemove(new KeyValuePair<string, Lazy<Task<Container>>>(container.Name, lazy));
            throw;
        }
    }

    private async Task<Container> CreateAsync(CosmosContainer container)
    {
        var database = (await client.CreateDatabaseIfNotExistsAsync(Name)).Database;
        return (await database.CreateContainerIfNotExistsAsync(container.Name, container.PartitionKeyPath)).Container;
    }
}
