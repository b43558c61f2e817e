using LiveServerless.DevHost.Local;
using Microsoft.Extensions.FileProviders;

namespace LiveServerless.DevHost;

/// <summary>
/// Serves the demo web client at /demo: the page from this project's wwwroot (read from the repository, so edits show on
/// reload) and the official SignalR browser client from the repo's node_modules at /demo/lib.
/// </summary>
public static class DemoClient
{
    public static void UseDemoClient(this WebApplication app, string repoRoot)
    {
        var page = Path.Combine(repoRoot, "functions", "LiveServerless.DevHost", "wwwroot");
        var signalR = NodePackages.ModulePath(repoRoot, "@microsoft", "signalr", "dist", "browser");
        if (!Directory.Exists(page))
        {
            return;
        }

        var pageFiles = new PhysicalFileProvider(page);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = pageFiles, RequestPath = "/demo" });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = pageFiles, RequestPath = "/demo" });
        if (Directory.Exists(signalR))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(signalR), RequestPath = "/demo/lib" });
        }
    }
}
