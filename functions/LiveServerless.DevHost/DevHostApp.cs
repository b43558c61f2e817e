using System.Diagnostics;
using System.Text;
using LiveServerless.DevHost.Functions;
using LiveServerless.DevHost.Local;
using LiveServerless.Functions;
using LiveServerless.Functions.Http;
using Microsoft.Extensions.Configuration.Memory;

namespace LiveServerless.DevHost;

/// <summary>
/// The local Functions runtime: the function app's own services (<see cref="AppServices.AddLiveServerless"/>), its HTTP
/// functions as endpoints, its timers, and the local stand-ins for Azure services it needs.
/// </summary>
public sealed class DevHostApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly LocalDependencies _dependencies;

    private readonly ILoggerFactory _bootstrapLoggers;

    private DevHostApp(WebApplication app, LocalDependencies dependencies, ILoggerFactory bootstrapLoggers)
    {
        _app = app;
        _dependencies = dependencies;
        _bootstrapLoggers = bootstrapLoggers;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Where DevHost listens, e.g. http://localhost:7071.</summary>
    public Uri BaseAddress => new(_app.Urls.First().TrimEnd('/') + "/");

    public static async Task<DevHostApp> StartAsync(DevHostSettings settings, CancellationToken cancellationToken = default)
    {
        var repoRoot = settings.RepoRoot ?? RepoPaths.FindRoot();
        var dataDirectory = settings.DataDirectory ?? RepoPaths.DataDirectory(repoRoot);
        if (settings.Reset && Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. settings.HostArgs],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LocalSettings.Load(repoRoot) });
        builder.Configuration.AddInMemoryCollection(settings.Settings);
        var port = settings.Port ?? builder.Configuration.GetValue<int?>("DevHost:Port") ?? DevHostSettings.DefaultPort;
        builder.WebHost.UseUrls($"http://{(port == 0 ? "127.0.0.1" : "localhost")}:{port}");

        var bootstrapLoggers = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
        var dependencies = settings.StartLocalDependencies
            ? await LocalDependencies.StartAsync(builder.Configuration, dataDirectory, repoRoot, bootstrapLoggers, cancellationToken)
            : LocalDependencies.None;
        try
        {
            var catalog = FunctionCatalog.FromAssembly(typeof(AppServices).Assembly);
            builder.Services.AddLiveServerless();
            builder.Services.AddCors();
            foreach (var timer in catalog.Timers)
            {
                builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerFunctionRunner>(sp, timer));
            }

            var app = builder.Build();
            // Local web clients may be served from any port; the SignalR client negotiates with credentials, so echo the origin.
            app.UseCors(cors => cors.SetIsOriginAllowed(_ => true).AllowCredentials().AllowAnyHeader().AllowAnyMethod()
                .WithExposedHeaders("ETag", "Location", "Retry-After", "X-Delivery"));
            app.UseStatusCodePages(context => WriteStatusProblemAsync(context.HttpContext));
            app.UseDemoClient(repoRoot);
            app.MapHttpFunctions(catalog.Http, HostJson.RoutePrefix(Path.Combine(repoRoot, "host.json")));
            await app.StartAsync(cancellationToken);

            var devHost = new DevHostApp(app, dependencies, bootstrapLoggers);
            devHost.PrintBanner(catalog);
            return devHost;
        }
        catch
        {
            await dependencies.DisposeAsync();
            bootstrapLoggers.Dispose();
            throw;
        }
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _dependencies.DisposeAsync();
        _bootstrapLoggers.Dispose();
    }

    private static Task WriteStatusProblemAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var problem = status switch
        {
            StatusCodes.Status404NotFound => Problem.Of(status, "not-found", "No such route.", $"{context.Request.Method} {context.Request.Path} is not an API route."),
            StatusCodes.Status405MethodNotAllowed => Problem.Of(status, "method-not-allowed", "Method not allowed.", $"{context.Request.Method} is not allowed on {context.Request.Path}."),
            _ => Problem.Of(status, "error", "The request failed."),
        };
        return ApiResult.FromProblem(problem with { Instance = context.Request.Path.Value, TraceId = Activity.Current?.Id ?? context.TraceIdentifier }).WriteAsync(context);
    }

    private void PrintBanner(FunctionCatalog catalog)
    {
        var banner = new StringBuilder()
            .AppendLine("LiveServerless DevHost is running.")
            .AppendLine($"  API:        {BaseAddress}api/  ({catalog.Http.Count} HTTP functions, {catalog.Timers.Count} timer functions)")
            .AppendLine($"  Health:     {BaseAddress}api/health")
            .AppendLine($"  Demo:       {BaseAddress}demo/  (a web client: sign in, join a room, chat; open it twice)");
        foreach (var line in _dependencies.Report)
        {
            banner.AppendLine($"  {line}");
        }

        _app.Logger.LogInformation("{Banner}", banner.ToString());
    }
}
