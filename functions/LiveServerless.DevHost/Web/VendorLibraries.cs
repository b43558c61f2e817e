using System.Text.Json;
using LiveServerless.DevHost.Local;

namespace LiveServerless.DevHost.Web;

/// <summary>
/// The browser libraries the web pages load from <c>/lib/</c>, and where each one lives in the repo's node_modules (pinned in
/// package.json). The list is web/vendor-libraries.json: DevHost serves it, and the Azure build (npm script build:web) copies the
/// same files into the deployed folder's lib/. Never a CDN.
/// </summary>
public static class VendorLibraries
{

    public const string RequestPath = "/lib";

    /// <summary>File name under /lib/ → the file's full path in the repository's node_modules.</summary>
    public static IReadOnlyDictionary<string, string> In(string repoRoot) =>
        Read(repoRoot).ToDictionary(file => file.Key, file => NodePackages.ModulePath(repoRoot, file.Value), StringComparer.Ordinal);

    private static Dictionary<string, string[]> Read(string repoRoot) =>
        JsonSerializer.Deserialize<Dictionary<string, string[]>>(File.ReadAllText(Path.Combine(repoRoot, "web", "vendor-libraries.json")))
        ?? throw new InvalidOperationException("web/vendor-libraries.json is empty.");
}
