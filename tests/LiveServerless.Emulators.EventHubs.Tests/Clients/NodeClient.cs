using System.Diagnostics;
using System.Text.Json;

namespace LiveServerless.Emulators.EventHubs.Tests.Clients;

/// <summary>
/// Runs <c>event-hubs-client.mjs</c>, the official JavaScript SDK driven by a small script, against an emulator, with node from the
/// PATH and the SDK from the repository's node_modules (pinned in package.json; <c>npm ci</c> installs it).
/// </summary>
internal static class NodeClient
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> RunAsync(
        string connectionString, string eventHubName, string command, object arguments, CancellationToken cancellationToken)
    {
        var repositoryRoot = RepositoryRoot();
        var sdk = Path.Combine(repositoryRoot, "node_modules", "@azure", "event-hubs", "package.json");
        Assert.True(File.Exists(sdk), $"The JavaScript Event Hubs SDK is missing at {sdk}: run `npm ci` at the repository root.");

        var script = Path.Combine(repositoryRoot, "tests", "LiveServerless.Emulators.EventHubs.Tests", "Clients", "event-hubs-client.mjs");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, command, JsonSerializer.Serialize(arguments) },
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["EVENTHUBS_CONNECTION_STRING"] = connectionString, ["EVENTHUBS_NAME"] = eventHubName },
        };

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(process.ExitCode == 0 && lines.Length > 0, $"node {command} exited with {process.ExitCode}: {await errors}");
        return JsonDocument.Parse(lines[^1]).RootElement.Clone();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LiveServerless.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No LiveServerless.sln above {AppContext.BaseDirectory}.");
    }
}
