namespace LiveServerless.DevHost.Local;

/// <summary>Finds the repository root (the folder with LiveServerless.sln), where package.json, host.json and the local settings live.</summary>
public static class RepoPaths
{
    public const string MarkerFile = "LiveServerless.sln";

    public static string FindRoot(string? startDirectory = null)
    {
        foreach (var start in new[] { startDirectory, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, MarkerFile)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Cannot find the repository root: no {MarkerFile} above '{Directory.GetCurrentDirectory()}'. Run DevHost from a clone of the repository.");
    }

    /// <summary>Where local data of DevHost and the emulators lives; git-ignored, wiped by --reset.</summary>
    public static string DataDirectory(string repoRoot) => Path.Combine(repoRoot, ".devdata");
}
