using System.Text.Json;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.DevHost.Worker;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>
/// The functions DevHost loaded from the worker's own metadata (what the Functions host in Azure asks the worker for) are exactly
/// those in the SDK-generated functions.metadata, and every route is documented and covered by the tables.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class FunctionContractTests(DevHostFixture fixture)
{
    private IEnumerable<(string Name, string Route, IReadOnlyList<string> Methods, string AuthLevel)> HttpFunctions =>
        fixture.Host.Worker.Functions
            .Select(f => (f.Name, Http: f.Trigger as HttpTrigger))
            .Where(f => f.Http is not null)
            .Select(f => (f.Name, f.Http!.Route, f.Http.Methods, f.Http.AuthLevel));

    private IEnumerable<(string Name, string Schedule)> TimerFunctions =>
        fixture.Host.Worker.Functions.Where(f => f.Trigger is TimerTrigger).Select(f => (f.Name, ((TimerTrigger)f.Trigger).Schedule));

    [Fact]
    public void DevHostRoutes_EqualTheSdkGeneratedFunctionsMetadata()
    {
        var metadata = ReadFunctionsMetadata();

        var fromMetadata = metadata.Select(f => $"{f.Name} {string.Join(',', f.Methods.Order())} {f.Route} {f.AuthLevel}").Order().ToArray();
        var fromDevHost = HttpFunctions
            .Select(f => $"{f.Name} {string.Join(',', f.Methods.Select(m => m.ToLowerInvariant()).Order())} {f.Route} {f.AuthLevel.ToLowerInvariant()}")
            .Order()
            .ToArray();
        Assert.Equal(fromMetadata, fromDevHost);
    }

    [Fact]
    public void TimerSchedules_EqualTheSdkGeneratedFunctionsMetadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FunctionsMetadataPath()));
        var fromMetadata = document.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "timerTrigger")
                .Select(b => $"{f.GetProperty("name").GetString()} {b.GetProperty("schedule").GetString()}"))
            .Order();

        Assert.Equal(fromMetadata, TimerFunctions.Select(t => $"{t.Name} {t.Schedule}").Order());
    }

    [Fact]
    public void EveryFunctionRoute_IsInTheRouteCatalog_AndViceVersa()
    {
        var fromApp = HttpFunctions.SelectMany(f => f.Methods.Select(m => $"{m} /api/{f.Route}")).Order();

        Assert.Equal(fromApp, RouteCatalog.All.Select(r => r.ToString()).Order());
    }

    [Fact]
    public void EveryFunctionRoute_IsDescribedInOpenApi()
    {
        var documented = OpenApiPaths.Read(Path.Combine(fixture.RepoRoot, "docs", "openapi.yaml"));

        var missing = HttpFunctions.SelectMany(f => f.Methods.Select(m => $"{m.ToLowerInvariant()} /{f.Route}")).Except(documented).ToArray();
        var stale = documented.Except(HttpFunctions.SelectMany(f => f.Methods.Select(m => $"{m.ToLowerInvariant()} /{f.Route}"))).ToArray();

        Assert.True(missing.Length == 0, "Missing from docs/openapi.yaml: " + string.Join(", ", missing));
        Assert.True(stale.Length == 0, "Documented but not served: " + string.Join(", ", stale));
    }

    private static (string Name, string Route, string[] Methods, string AuthLevel)[] ReadFunctionsMetadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FunctionsMetadataPath()));
        return document.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
                .Select(b => (
                    f.GetProperty("name").GetString()!,
                    b.GetProperty("route").GetString()!,
                    b.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).ToArray(),
                    b.GetProperty("authLevel").GetString()!.ToLowerInvariant())))
            .ToArray();
    }

    /// <summary>The Functions SDK writes functions.metadata next to the app's build output (artifacts layout).</summary>
    private static string FunctionsMetadataPath()
    {
#if DEBUG
        const string configuration = "debug";
#else
        const string configuration = "release";
#endif
        var path = Path.Combine(LiveServerless.DevHost.Local.RepoPaths.FindRoot(), "artifacts", "bin", "LiveServerless.Functions", configuration, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}; build the solution first.");
        return path;
    }
}
