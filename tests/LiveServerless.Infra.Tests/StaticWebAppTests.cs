using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveServerless.Infra.Tests.Infrastructure;

namespace LiveServerless.Infra.Tests;

/// <summary>
/// The web pages (web/: the live-room app and the partner console) are deployed as an Azure Static Web App by the same template
/// and the same `azd up`: the site exists, azd finds it by its service tag, the function app allows its origin, and the folder
/// azd deploys carries the vendor libraries and a config.js naming the API.
/// </summary>
[Collection(InfraTemplates.Name)]
public sealed partial class StaticWebAppTests(InfraFixture infra)
{
    [Fact]
    public void WebPages_GetAFreeStaticWebAppTaggedForAzd_ByDefault()
    {
        var site = infra.Defaults.StaticWebApp;
        Assert.Equal("Free", site.Json.StringAt("sku.name"));
        Assert.Equal("Free", site.Json.StringAt("sku.tier"));
        Assert.Equal("web", site.Json.StringAt("tags.azd-service-name"));
        Assert.Equal("ci", site.Json.StringAt("tags.azd-env-name"));
        // Deployed by azd with the site's deployment token: no repository link, no build of its own.
        Assert.Equal("Custom", site.Properties.StringAt("provider"));
        Assert.Null(site.Properties.StringAt("repositoryUrl"));
        Assert.StartsWith("stapp-", site.Name, StringComparison.Ordinal);

        // The deployment's region when Static Web Apps exist there (the fixture deploys to westeurope).
        Assert.Equal("westeurope", site.Json.StringAt("location"));
    }

    [Fact]
    public void Operator_MayChooseTheStandardPlanAndTheSitesRegion()
    {
        var site = infra.Alternatives.StaticWebApp;
        Assert.Equal("Standard", site.Json.StringAt("sku.name"));
        Assert.Equal("Standard", site.Json.StringAt("sku.tier"));
        Assert.Equal(InfraFixture.AlternativeStaticWebAppLocation, site.Json.StringAt("location"));
    }

    [Fact]
    public void Outputs_NameTheSiteAndItsHttpsOriginForAzd()
    {
        var outputs = infra.Defaults.Outputs;
        Assert.Equal(infra.Defaults.StaticWebApp.Name, outputs["SERVICE_WEB_NAME"].GetString());
        Assert.Equal(infra.Defaults.StaticWebApp.Name, outputs["AZURE_STATIC_WEB_APP_NAME"].GetString());
        Assert.True(infra.Defaults.IsStaticWebAppOrigin(outputs["SERVICE_WEB_URI"].GetString()), $"SERVICE_WEB_URI: {outputs["SERVICE_WEB_URI"]}");
    }

    [Fact]
    public void AzureYaml_DeploysWebAsTheStaticWebAppService_FromTheBuiltFolder()
    {
        var yaml = File.ReadAllText(RepositoryFiles.Combine("azure.yaml"));
        var service = WebServiceBlock().Match(yaml);
        Assert.True(service.Success, "azure.yaml must declare the service 'web'");

        var block = service.Groups["body"].Value;
        Assert.Matches(@"(?m)^\s+host:\s*staticwebapp\s*$", block);
        Assert.Matches(@"(?m)^\s+project:\s*\./web\s*$", block);
        Assert.Matches(@"(?m)^\s+dist:\s*dist\s*$", block);
        // Plain static files: a language would make azd run an npm build in web/, which has no package.json.
        Assert.DoesNotMatch(@"(?m)^\s+language:", block);
        // The folder is built after provisioning (the API's URL is an output), so before deploy, not before package (azd up packages first).
        Assert.Matches(@"(?ms)^\s+predeploy:\s*$.*?run: .*npm run build:web", block);
        Assert.True(File.Exists(RepositoryFiles.Combine("web", "console", "index.html")));

        var packageJson = File.ReadAllText(RepositoryFiles.Combine("package.json"));
        Assert.Contains("\"build:web\": \"node infra/scripts/build-web.mjs\"", packageJson, StringComparison.Ordinal);
        Assert.Contains("web/dist/", File.ReadAllLines(RepositoryFiles.Combine(".gitignore")));
    }

    [Fact]
    public async Task BuildWeb_WritesThePagesEveryLibScriptTheyLoadAndAConfigNamingTheApi()
    {
        var output = Directory.CreateTempSubdirectory("liveserverless-web-").FullName;
        try
        {
            var (exitCode, log) = await RunNodeAsync(new Dictionary<string, string> { ["SERVICE_API_URI"] = "https://func-api-ci.azurewebsites.net/" }, output);
            Assert.True(exitCode == 0, log);

            Assert.Equal(
                "window.LIVESERVERLESS_CONFIG = { apiBase: \"https://func-api-ci.azurewebsites.net\" };",
                File.ReadAllLines(Path.Combine(output, "config.js")).Last());
            var web = RepositoryFiles.Combine("web");
            var pages = Directory.EnumerateFiles(web, "*.html", SearchOption.AllDirectories).Where(p => !p.Contains($"{Path.DirectorySeparatorChar}dist{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(pages);
            foreach (var page in pages)
            {
                var relative = Path.GetRelativePath(web, page);
                Assert.True(File.Exists(Path.Combine(output, relative)), $"{relative} is not in the built folder");
                foreach (Match script in LibScript().Matches(File.ReadAllText(page)))
                {
                    var library = Path.Combine(output, "lib", script.Groups["name"].Value);
                    Assert.True(File.Exists(library) && new FileInfo(library).Length > 0, $"{relative} loads lib/{script.Groups["name"].Value}, which build:web does not write");
                }
            }

            Assert.True(File.Exists(Path.Combine(output, "lib", "chart.umd.min.js")));

            // The site's own settings travel with it: no page may be framed (the console holds a partner key), and every
            // deployment's config.js is fetched fresh.
            using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "staticwebapp.config.json")));
            Assert.Contains("frame-ancestors 'none'", settings.RootElement.GetProperty("globalHeaders").GetProperty("Content-Security-Policy").GetString(), StringComparison.Ordinal);
            Assert.Contains(settings.RootElement.GetProperty("routes").EnumerateArray(), r => r.GetProperty("route").GetString() == "/config.js"
                && r.GetProperty("headers").GetProperty("Cache-Control").GetString() == "no-cache");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task BuildWeb_RefusesToRun_WithoutTheApisUrl()
    {
        var output = Directory.CreateTempSubdirectory("liveserverless-web-").FullName;
        try
        {
            var (exitCode, log) = await RunNodeAsync(new Dictionary<string, string> { ["SERVICE_API_URI"] = "" }, output);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("SERVICE_API_URI", log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(IReadOnlyDictionary<string, string> environment, string output)
    {
        var startInfo = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryFiles.Root };
        startInfo.ArgumentList.Add(RepositoryFiles.Combine("infra", "scripts", "build-web.mjs"));
        startInfo.ArgumentList.Add(output);
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await standardOutput + await standardError);
    }

    [GeneratedRegex(@"(?ms)^services:\s*$.*?^  web:\s*$(?<body>(?:\n    .*)+)")]
    private static partial Regex WebServiceBlock();

    // src="/lib/x.js", "lib/x.js" or "../lib/x.js": every page's vendor scripts, however it addresses them.
    [GeneratedRegex(@"<script[^>]+src=""(?:/|(?:\.\./)*)lib/(?<name>[^""]+)""")]
    private static partial Regex LibScript();
}
