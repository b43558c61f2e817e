using Microsoft.Extensions.Logging;

namespace LiveServerless.DevHost.Local;

/// <summary>
/// Runs @vercel/cosmosdb-server (from the repo's node_modules) on plain HTTP through our small launcher script, which fixes one
/// divergence from Cosmos DB (404 for point reads of missing documents). Data lives in memory only: derived state is rebuilt
/// from the interaction stream when DevHost starts it (see <see cref="LocalDependencies"/>).
/// </summary>
public sealed class CosmosServer : IAsyncDisposable
{
    public const string Host = "127.0.0.1";

    /// <summary>The Cosmos DB emulator's well-known development key (public, documented by Microsoft; not a secret).</summary>
    public const string DevelopmentKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private readonly ChildProcess _process;

    private CosmosServer(int port, ChildProcess process)
    {
        Port = port;
        _process = process;
    }

    public int Port { get; }

    public string ConnectionString => ConnectionStringFor(Port);

    public static string ConnectionStringFor(int port) => $"AccountEndpoint=http://localhost:{port}/;AccountKey={DevelopmentKey}";

    public static async Task<CosmosServer> StartAsync(string repoRoot, int port, ILogger logger, CancellationToken cancellationToken)
    {
        var package = NodePackages.ModulePath(repoRoot, "@vercel", "cosmosdb-server", "lib", "index.js");
        await NodePackages.EnsureInstalledAsync(repoRoot, package, logger, cancellationToken);
        var launcher = Path.Combine(repoRoot, "functions", "LiveServerless.DevHost", "Local", "node", "cosmosdb-server.js");
        var process = ChildProcess.Start("node", [launcher, "--port", $"{port}", "--host", Host], repoRoot, logger);
        try
        {
            await Ports.WaitUntilOpenAsync(Host, port, TimeSpan.FromSeconds(30), () => process.HasExited, cancellationToken);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new CosmosServer(port, process);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
