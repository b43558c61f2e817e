using System.Globalization;
using LiveServerless.DevHost;
using LiveServerless.DevHost.Local;

namespace LiveServerless.Benchmarks.FanOut;

/// <summary>
/// LiveServerless' side of the fan-out run, in a process of its own as the peers are: DevHost (which starts the app's worker)
/// with a private set of emulators (Azurite, cosmosdb-server, our Event Hubs and SignalR emulators, the last two in this
/// process), on a loopback port. The generator starts it as <c>--fanout-host {port} {dataDirectory}</c> and kills it when done.
/// </summary>
public static class FanOutHost
{
    public const string Switch = "--fanout-host";

    /// <summary>How to start this program in host mode: the apphost directly, or the dll through dotnet.</summary>
    public static (string FileName, string[] Arguments) CommandLine(int port, string dataDirectory)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which program is running.");
        string[] hostArguments = [Switch, port.ToString(CultureInfo.InvariantCulture), dataDirectory];
        return Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? (self, [typeof(FanOutHost).Assembly.Location, .. hostArguments])
            : (self, hostArguments);
    }

    public static async Task RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, Switch);
        var port = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
        var dataDirectory = args[at + 2];
        var repoRoot = RepoPaths.FindRoot();
        await using var dependencies = await IsolatedDependencies.StartAsync(repoRoot, ["interactions"], CancellationToken.None);
        await using var host = await DevHostApp.StartAsync(new DevHostSettings
        {
            Port = port,
            RepoRoot = repoRoot,
            DataDirectory = dataDirectory,
            StartLocalDependencies = false,
            Settings = dependencies.Settings,
        });

        // Serves until the generator kills the process tree.
        await Task.Delay(Timeout.Infinite);
    }
}
