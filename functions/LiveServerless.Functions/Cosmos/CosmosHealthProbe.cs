using LiveServerless.Functions.Health;

namespace LiveServerless.Functions.Cosmos;

/// <summary>Cosmos DB answers a read of the app's database.</summary>
public sealed class CosmosHealthProbe(CosmosDatabase database) : IHealthProbe
{
    public string Name => "cosmos";

    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var container = await database.ContainerAsync(CosmosContainers.RoomStats, cancellationToken);
        await container.ReadContainerAsync(cancellationToken: cancellationToken);
    }
}
