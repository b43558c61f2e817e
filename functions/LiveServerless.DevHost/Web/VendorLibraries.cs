using LiveServerless.DevHost.Local;

namespace LiveServerless.DevHost.Web;

/// <summary>
/// The browser libraries the web pages load from <c>/lib/</c>, and where each one lives in the repo's node_modules (pinned in
/// package.json). The one place that says which vendor files the pages get: DevHost serves this map, and the Azure build
/// (npm script build:web) copies the same files into the deployed folder's lib/. Never a CDN.
/// </summary>
public static class VendorLibraries
{
    /// <summary>File name under /lib/ → path inside node_modules.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Files = new Dictionary<string, string[]>
    {
        ["signalr.min.js"] = ["@microsoft", "signalr", "dist", "browser", "signalr.min.js"],
        ["chart.umd.min.js"] = ["chart.js", "dist", "chart.umd.min.js"],
    };

    public const string RequestPath = "/lib";

    public static string PathOf(string repoRoot, string fileName) => NodePackages.ModulePath(repoRoot, Files[fileName]);
}
