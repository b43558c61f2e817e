using LiveServerless.Functions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Cosmos;

/// <summary>
/// Locally (Cosmos:EnsureCreated), creates the database and every container at startup, so the first requests and the first
/// stream batch do not pay for it. Not fatal: if Cosmos DB is not reachable yet, containers are still created on first use.
/// </summary>
public sealed partial class CosmosInitializer(CosmosDatabase database, IOptions<CosmosOptions> options, ILogger<CosmosInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.EnsureCreated)
        {
            return;
        }

        try
        {
            foreach (var container in CosmosContainers.All)
            {
                await database.ContainerAsync(container, stoppingToken);
            }

            LogCreated(database.Name, CosmosContainers.All.Count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotYet(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cosmos DB database {Database} and its {Count} containers are ready")]
    private partial void LogCreated(string database, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create the Cosmos DB containers at startup; they will be created on first use")]
    private partial void LogNotYet(Exception exception);
}
