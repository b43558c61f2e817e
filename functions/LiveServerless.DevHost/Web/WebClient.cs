using Microsoft.Extensions.FileProviders;

namespace LiveServerless.DevHost.Web;

/// <summary>
/// Serves the web pages of the repo's <c>web/</c> folder at <c>/</c> (the live-room app; the partner console at /console/),
/// read from the repository so edits show on reload, and the vendor libraries at <c>/lib/</c>. <c>/demo</c>, the old demo
/// page's address, redirects to <c>/</c>.
/// </summary>
public static class WebClient
{
    public static string Folder(string repoRoot) => Path.Combine(repoRoot, "web");

    public static void UseWebClient(this WebApplication app, string repoRoot)
    {
        app.Use(RedirectOldDemoAddress);
        ServeVendorLibraries(app, repoRoot);
        var folder = Folder(repoRoot);
        if (!Directory.Exists(folder))
        {
            return;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        // Pages change while a developer edits them: the browser revalidates every file instead of caching it.
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = static file => file.Context.Response.Headers.CacheControl = "no-cache" });
    }

    private static Task RedirectOldDemoAddress(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (path.Equals("/demo", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/demo", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect("/");
            return Task.CompletedTask;
        }

        return next(context);
    }

    private static void ServeVendorLibraries(WebApplication app, string repoRoot)
    {
        foreach (var (fileName, path) in VendorLibraries.In(repoRoot))
        {
            app.MapGet($"{VendorLibraries.RequestPath}/{fileName}", () => File.Exists(path)
                ? Results.File(path, "text/javascript; charset=utf-8")
                : DevResults.Problem(StatusCodes.Status404NotFound, "not-found", "Vendor library not installed.", $"{path} is missing; run npm ci at the repository root."));
        }
    }
}
