using System.Diagnostics;
using System.Net;
using System.Text;
using LiveServerless.DevHost.Demo;
using LiveServerless.DevHost.Local;
using LiveServerless.DevHost.Web;
using LiveServerless.DevHost.Worker;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Memory;

namespace LiveServerless.DevHost;

/// <summary>
/// The local Functions runtime: a minimal Functions host that runs the function app's own worker process (so Program.cs, the
/// middleware and the worker's DI scopes run exactly as in Azure), serves its HTTP functions under host.json's route prefix, fires
/// its timers, and starts the local stand-ins for Azure services it needs.
/// </summary>
public sealed class DevHostApp : IAsyncDisposable
{
    /// <summary>Quiet by default: warnings and errors, the banner, one line per function call, and the meters' one line a minute.</summary>
    private static readonly Dictionary<string, string?> DefaultLogLevels = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:LiveServerless.DevHost"] = "Information",
        // The worker's one-line summary of the meters every minute (events/s, lag, dead letters, pushes/s), in the worker and as DevHost prints it.
        ["Logging:LogLevel:LiveServerless.Functions.Operations.MeterSummary"] = "Information",
        ["Logging:LogLevel:Worker.LiveServerless.Functions.Operations.MeterSummary"] = "Information",
        // The worker's ASP.NET Core keeps its data-protection keys in memory locally and warns about it at every start.
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
    };

    private readonly WebApplication _app;

    private readonly FunctionWorkerHost _worker;

    private readonly LocalDependencies _dependencies;

    private readonly ILoggerFactory _bootstrapLoggers;

    private readonly DevHostOutput _output;

    private HttpClient? _demoHttp;

    private DevHostApp(WebApplication app, FunctionWorkerHost worker, LocalDependencies dependencies, ILoggerFactory bootstrapLoggers, DevHostOutput output)
    {
        _output = output;
        _app = app;
        _worker = worker;
        _dependencies = dependencies;
        _bootstrapLoggers = bootstrapLoggers;
    }

    /// <summary>Where DevHost listens, e.g. http://localhost:7071.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The worker process serving the functions right now (it changes when DevHost restarts a worker that died).</summary>
    public WorkerSession Worker => _worker.Current ?? throw new WorkerUnavailableException("No worker is running right now.");

    /// <summary>Waits for a running worker, e.g. after one was killed and DevHost is starting the next.</summary>
    public Task<WorkerSession> WorkerReadyAsync(CancellationToken cancellationToken = default) => _worker.ReadyAsync(cancellationToken);

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
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Development,
        });
        var localSettings = LocalSettings.Load(repoRoot);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultLogLevels });
        builder.Configuration.Sources.Insert(1, new MemoryConfigurationSource { InitialData = localSettings });
        builder.Configuration.AddInMemoryCollection(settings.Settings);
        var port = settings.Port ?? builder.Configuration.GetValue<int?>("DevHost:Port") ?? DevHostSettings.DefaultPort;
        var grpcPort = Ports.FindFree();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (port == 0)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
            else
            {
                kestrel.ListenLocalhost(port);
            }

            // The worker's gRPC stream: loopback only, HTTP/2 without TLS, on a port of its own.
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var output = new DevHostOutput(settings.Output ?? Console.Out);
        builder.Logging.ClearProviders().AddProvider(output);

        var bootstrapLoggers = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddProvider(output));
        var dependencies = settings.StartLocalDependencies
            ? await LocalDependencies.StartAsync(builder.Configuration, dataDirectory, repoRoot, bootstrapLoggers, cancellationToken)
            : LocalDependencies.None;
        FunctionWorkerHost? worker = null;
        try
        {
            // Unknown gRPC services must not claim routes (grpc adds catch-alls for them that would turn 405s into 404s).
            builder.Services.AddGrpc(grpc =>
            {
                grpc.MaxReceiveMessageSize = null;
                grpc.IgnoreUnknownServices = true;
            });
            builder.Services.AddHttpForwarder();
            builder.Services.AddCors();
            builder.Services.AddSingleton<WorkerLog>();
            builder.Services.AddSingleton<FunctionWorkerHost>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<FunctionWorkerHost>());
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<HttpFunctionEndpoints>(
                sp, HostJson.RoutePrefix(Path.Combine(repoRoot, "host.json")), builder.Configuration["DevHost:FunctionKey"] ?? ""));
            builder.Services.AddHostedService<TimerFunctionRunner>();

            var app = builder.Build();
            var demo = new DemoSession();
            worker = app.Services.GetRequiredService<FunctionWorkerHost>();
            // Local web clients may be served from any port; the SignalR client negotiates with credentials, so echo the origin.
            app.UseCors(cors => cors.SetIsOriginAllowed(_ => true).AllowCredentials().AllowAnyHeader().AllowAnyMethod()
                .WithExposedHeaders("ETag", "Location", "Retry-After", "X-Delivery"));
            app.UseStatusCodePages(context => WriteStatusProblemAsync(context.HttpContext));
            app.UseWebClient(repoRoot);
            app.UseRouting();
            app.MapDevRoutes(demo);
            app.MapGrpcService<FunctionRpcService>().RequireHost($"*:{grpcPort}");
            ((IEndpointRouteBuilder)app).DataSources.Add(app.Services.GetRequiredService<HttpFunctionEndpoints>());
            await app.StartAsync(cancellationToken);

            var appDirectory = WorkerApp.LocateOutput(repoRoot, builder.Configuration["DevHost:WorkerDirectory"]);
            var environment = WorkerEnvironment.Build(localSettings, settings.Settings, builder.Configuration.GetSection("Logging"), appDirectory, builder.Environment.EnvironmentName);
            var session = await worker.StartAsync(
                new WorkerStartInfo(appDirectory, WorkerApp.AssemblyName, new Uri($"http://127.0.0.1:{grpcPort}/"), environment), cancellationToken);

            var devHost = new DevHostApp(app, worker, dependencies, bootstrapLoggers, output)
            {
                BaseAddress = new Uri(app.Urls.First(u => !u.EndsWith($":{grpcPort}", StringComparison.Ordinal)).TrimEnd('/') + "/"),
            };
            if (settings.SeedDemo)
            {
                await devHost.SeedDemoAsync(demo, builder.Configuration["Admin:ApiKey"], dataDirectory, cancellationToken);
            }

            devHost.PrintBanner(session, builder.Environment.EnvironmentName);
            return devHost;
        }
        catch
        {
            if (worker is not null)
            {
                await worker.DisposeAsync();
            }

            await dependencies.DisposeAsync();
            bootstrapLoggers.Dispose();
            throw;
        }
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>
    /// Seeds the demo tenant through the app's own API. A failure is reported, not fatal: the API still serves, and the web app
    /// hides "sign in as" (the dev routes answer 404).
    /// </summary>
    private async Task SeedDemoAsync(DemoSession demo, string? adminKey, string dataDirectory, CancellationToken cancellationToken)
    {
        var logger = _bootstrapLoggers.CreateLogger("LiveServerless.DevHost.Demo");
        if (string.IsNullOrEmpty(adminKey))
        {
            logger.LogWarning("No demo tenant: Admin__ApiKey is not configured.");
            return;
        }

        _demoHttp = new HttpClient { BaseAddress = BaseAddress };
        var api = new DemoApi(_demoHttp);
        try
        {
            demo.Tenant = await new DemoSeed(api, adminKey, BaseAddress).RunAsync(dataDirectory, cancellationToken);
            demo.Api = api;
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(exception, "Seeding the demo tenant failed; the web app offers only the partner-key sign-in.");
        }
    }

    /// <summary>Stops the worker (terminate, then kill if it lingers), DevHost, and the dependencies it started.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _demoHttp?.Dispose();
        await _dependencies.DisposeAsync();
        _bootstrapLoggers.Dispose();
    }

    private static Task WriteStatusProblemAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var problem = status switch
        {
            StatusCodes.Status404NotFound => Problems.Of(status, "not-found", "No such route.", $"{context.Request.Method} {context.Request.Path} is not an API route."),
            StatusCodes.Status405MethodNotAllowed => Problems.Of(status, "method-not-allowed", "Method not allowed.", $"{context.Request.Method} is not allowed on {context.Request.Path}."),
            StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable => Problems.Of(status, "worker-unavailable", "The function app's worker is not running; DevHost is restarting it."),
            _ => Problems.Of(status, "error", "The request failed."),
        };
        // Written in the API's own JSON dialect, as the worker writes its problems.
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(Problems.About(problem, context), ApiJson.Options, Problems.ContentType, context.RequestAborted);
    }

    private void PrintBanner(WorkerSession session, string environmentName)
    {
        var http = session.Functions.Where(f => f.Trigger is HttpTrigger).Select(f => f.Name).Order().ToArray();
        var timers = session.Functions.Where(f => f.Trigger is TimerTrigger).Select(f => f.Name).Order().ToArray();
        var banner = new StringBuilder()
            .AppendLine()
            .AppendLine($"LiveServerless DevHost is running ({environmentName}).")
            .AppendLine($"  Worker:     started the function app as process {session.Process.Id}; loaded {session.Functions.Count} functions from it")
            .AppendLine($"              HTTP ({http.Length}): {string.Join(", ", http)}")
            .AppendLine($"              Timers ({timers.Length}): {string.Join(", ", timers)}")
            .AppendLine($"  API:        {BaseAddress}api/")
            .AppendLine($"  Health:     {BaseAddress}api/health")
            .AppendLine($"  Web app:    {BaseAddress}  (live rooms: sign in as a demo user, chat, like, gift; open it twice)")
            .AppendLine($"  Console:    {BaseAddress}console/  (partners: rooms, campaigns, wallets, webhooks and usage as charts; \"Use the demo tenant\")");
        foreach (var line in _dependencies.Report)
        {
            banner.AppendLine($"  {line}");
        }

        _output.WriteBlock(banner.ToString());
    }
}
