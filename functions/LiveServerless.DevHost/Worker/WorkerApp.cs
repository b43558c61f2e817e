namespace LiveServerless.DevHost.Worker;

/// <summary>
/// Finds the function app's build output. DevHost references the app's project, so building DevHost (or anything that references
/// it) builds the app into its own artifacts folder next to DevHost's: artifacts/bin/LiveServerless.Functions/&lt;configuration&gt;.
/// </summary>
public static class WorkerApp
{
    public const string AssemblyName = "LiveServerless.Functions";

    public static string LocateOutput(string repoRoot, string? configured)
    {
        var ownOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidates = new[]
        {
            configured,
            ownOutput.Parent?.Parent is { } bin ? Path.Combine(bin.FullName, AssemblyName, ownOutput.Name) : null,
            Path.Combine(repoRoot, "artifacts", "bin", AssemblyName, "debug"),
        };
        return candidates.FirstOrDefault(c => c is not null && File.Exists(Path.Combine(c, AssemblyName + ".dll")) && File.Exists(Path.Combine(c, "worker.config.json")))
            ?? throw new InvalidOperationException(
                $"The function app's build output was not found (looked in: {string.Join(", ", candidates.Where(c => c is not null))}). Build the solution, or set DevHost:WorkerDirectory.");
    }
}
