using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LiveServerless.DevHost.Local;

/// <summary>The repo's package.json pins the Node-based stand-ins (Azurite, cosmosdb-server); install them on first use.</summary>
public static class NodePackages
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string ModulePath(string repoRoot, params string[] relative) => Path.Combine([repoRoot, "node_modules", .. relative]);

    /// <summary>Runs <c>npm ci</c> once when <paramref name="requiredFile"/> (inside node_modules) is missing.</summary>
    public static async Task EnsureInstalledAsync(string repoRoot, string requiredFile, ILogger logger, CancellationToken cancellationToken)
    {
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(requiredFile))
            {
                return;
            }

            logger.LogInformation("Installing the local dependencies pinned in package.json (npm ci) …");
            var npm = new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm; install Node.js 20 or later.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0 || !File.Exists(requiredFile))
            {
                throw new InvalidOperationException($"npm ci failed (exit {process.ExitCode}):\n{await output}\n{await errors}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
