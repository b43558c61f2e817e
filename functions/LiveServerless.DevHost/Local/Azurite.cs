using Microsoft.Extensions.Logging;

namespace LiveServerless.DevHost.Local;

/// <summary>Where and how to run Azurite. Null <see cref="DataDirectory"/> keeps everything in memory (tests).</summary>
public sealed record AzuriteOptions(string RepoRoot, string? DataDirectory, int BlobPort = 10000, int QueuePort = 10001, int TablePort = 10002)
{
    public const string Host = "127.0.0.1";

    /// <summary>Azurite's well-known development account and key (public, documented by Microsoft; not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://{Host}:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://{Host}:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://{Host}:{TablePort}/devstoreaccount1;";
}

/// <summary>Starts Azurite (Tables, Blobs, Queues) from the repo's node_modules and stops it on dispose.</summary>
public sealed class Azurite : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private Azurite(AzuriteOptions options, ChildProcess process)
    {
        Options = options;
        _process = process;
    }

    public AzuriteOptions Options { get; }

    public static async Task<Azurite> StartAsync(AzuriteOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var script = NodePackages.ModulePath(options.RepoRoot, "azurite", "dist", "src", "azurite.js");
        await NodePackages.EnsureInstalledAsync(options.RepoRoot, script, logger, cancellationToken);

        List<string> arguments =
        [
            script, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", AzuriteOptions.Host, "--blobPort", $"{options.BlobPort}",
            "--queueHost", AzuriteOptions.Host, "--queuePort", $"{options.QueuePort}",
            "--tableHost", AzuriteOptions.Host, "--tablePort", $"{options.TablePort}",
        ];
        if (options.DataDirectory is null)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            arguments.AddRange(["--location", options.DataDirectory]);
        }

        var process = ChildProcess.Start("node", arguments, options.RepoRoot, logger);
        try
        {
            foreach (var port in new[] { options.BlobPort, options.QueuePort, options.TablePort })
            {
                await Ports.WaitUntilOpenAsync(AzuriteOptions.Host, port, TimeSpan.FromSeconds(60), () => process.HasExited, cancellationToken);
            }
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new Azurite(options, process);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
