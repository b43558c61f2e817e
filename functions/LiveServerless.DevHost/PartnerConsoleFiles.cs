using LiveServerless.DevHost.Local;
using Microsoft.Extensions.FileProviders;

namespace LiveServerless.DevHost;

/// <summary>
/// Serves the repository's <c>web/</c> folder (the partner console at /console/) and chart.js at /lib/chart.umd.min.js, read from
/// the repository so edits show on reload. A stand-in until the live-room app's web serving (web/ at / and the /lib map) is merged:
/// that serving replaces this file and its one call in <see cref="DevHostApp"/>.
/// </summary>
public static class PartnerConsoleFiles
{
    public static void UsePartnerConsoleFiles(this WebApplication app, string repoRoot)
    {
        var web = Path.Combine(repoRoot, "web");
        var chartJs = NodePackages.ModulePath(repoRoot, "chart.js", "dist");
        if (!Directory.Exists(web))
        {
            return;
        }

        var webFiles = new PhysicalFileProvider(web);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = webFiles });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = webFiles });
        if (Directory.Exists(chartJs))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(chartJs), RequestPath = "/lib" });
        }
    }
}
