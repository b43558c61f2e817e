using System.Diagnostics;
using System.Text.Json;

namespace LiveServerless.Emulators.EventHubs.Tests.Clients;

/// <summary>
/// Runs the scripts beside this file, which drive an emulator with an official Event Hubs SDK of another language and print one
/// JSON line: <c>event-hubs-client.mjs</c> (JavaScript, <c>@azure/event-hubs</c> from the repository's node_modules, pinned in
/// package.json) and <c>event_hubs_client.py</c> (Python, <c>azure-eventhub</c> from Debian's python3-azure).
/// </summary>
internal static class ClientScripts
{
    /// <summary>Debian's interpreter, which sees the packages apt installs (python3-azure); a pyenv or venv python would not.</summary>
    private const string DebianPython = "/usr/bin/python3";

    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(60);

    public static Task<JsonElement> RunJavaScriptAsync(
        string connectionString, string eventHubName, string command, object arguments, CancellationToken cancellationToken)
    {
        var sdk = Path.Combine(RepositoryRoot(), "node_modules", "@azure", "event-hubs", "package.json");
        Assert.True(File.Exists(sdk), $"The JavaScript Event Hubs SDK is missing at {sdk}: run `npm ci` at the repository root.");
        return RunAsync("node", "event-hubs-client.mjs", command, arguments, Environment(connectionString, eventHubName), cancellationToken);
    }

    public static Task<JsonElement> RunPythonAsync(
        string connectionString, string eventHubName, string certificateFile, string command, object arguments, CancellationToken cancellationToken)
    {
        var environment = Environment(connectionString, eventHubName);
        environment["EVENTHUBS_CA_FILE"] = certificateFile;
        return RunAsync(DebianPython, "event_hubs_client.py", command, arguments, environment, cancellationToken);
    }

    private static Dictionary<string, string> Environment(string connectionString, string eventHubName) =>
        new() { ["EVENTHUBS_CONNECTION_STRING"] = connectionString, ["EVENTHUBS_NAME"] = eventHubName };

    private static async Task<JsonElement> RunAsync(
        string interpreter, string script, string command, object arguments, Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var repositoryRoot = RepositoryRoot();
        var start = new ProcessStartInfo(interpreter)
        {
            ArgumentList = { Path.Combine(repositoryRoot, "tests", "LiveServerless.Emulators.EventHubs.Tests", "Clients", script), command, JsonSerializer.Serialize(arguments) },
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {interpreter}.");
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
        Assert.True(process.ExitCode == 0 && lines.Length > 0, $"{script} {command} exited with {process.ExitCode}: {await errors}");
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
