using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using LiveServerless.Emulators.SignalR.Auth;
using LiveServerless.Emulators.SignalR.Clients;
using LiveServerless.Emulators.SignalR.Connections;
using LiveServerless.Emulators.SignalR.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveServerless.Emulators.SignalR;

/// <summary>
/// A local stand-in for Azure SignalR Service in serverless mode: the client endpoint <c>/client/?hub=</c> for the official
/// SignalR clients and the data-plane REST API subset for servers, both authenticated with tokens signed by the access key.
/// Runs its own Kestrel server on a loopback address.
/// </summary>
public sealed class SignalREmulator : IAsyncDisposable
{
    // Microsoft.IdentityModel refuses HS256 keys under 256 bits, so a shorter key could never sign or validate a token.
    private const int MinimumAccessKeyBytes = 32;

    private readonly WebApplication _app;
    private readonly string _accessKey;
    private int _stopped;

    private SignalREmulator(WebApplication app, int port, string accessKey)
    {
        _app = app;
        _accessKey = accessKey;
        Port = port;
    }

    /// <summary>The port the emulator listens on (the one picked when the options asked for port 0).</summary>
    public int Port { get; }

    /// <summary>A connection string in the service's format, pointing at this emulator.</summary>
    public string ConnectionString => $"Endpoint=http://localhost;Port={Port};AccessKey={_accessKey};Version=1.0;";

    public static async Task<SignalREmulator> StartAsync(
        SignalREmulatorOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!TryParseLoopback(options.Host, out var address))
        {
            throw new ArgumentException($"The emulator binds to loopback addresses only; '{options.Host}' is not one.", nameof(options));
        }

        if (options.AccessKey is null || Encoding.UTF8.GetByteCount(options.AccessKey) < MinimumAccessKeyBytes)
        {
            throw new ArgumentException($"The access key must be at least {MinimumAccessKeyBytes} bytes long (HS256 needs a 256-bit key).", nameof(options));
        }

        var app = Build(options, address, loggerFactory ?? NullLoggerFactory.Instance);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var port = BoundPort(app);
        app.Logger.LogInformation("SignalR Service emulator listening on http://{Address}:{Port}", address, port);
        return new SignalREmulator(app, port, options.AccessKey);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private static WebApplication Build(SignalREmulatorOptions options, IPAddress address, ILoggerFactory loggerFactory)
    {
        // The empty builder reads no appsettings, environment variables or command line: the host application's
        // configuration (ASPNETCORE_URLS and the like) must not reconfigure an emulator embedded in it.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SignalREmulator).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(address, options.Port));

        var services = builder.Services;
        services.AddSingleton(loggerFactory);
        services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        // Open WebSockets would otherwise hold a stop for the default 30 seconds.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        services.AddRoutingCore();
        services.AddCors();
        services.AddSignalR();
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AccessKeyTokenValidator>();
        services.AddSingleton<ClientTokenValidator>();
        services.AddSingleton<ServerTokenValidator>();
        services.AddSingleton<HubRegistry>();
        services.AddSingleton<MessageSender>();

        var app = builder.Build();
        app.UseWebSockets();
        // Browser clients negotiate cross-origin, with credentials, from whatever port the web app is served on; the service allows
        // every origin unless its CORS setting lists some. Preflights are answered here, before authentication: they carry no token.
        app.UseCors(cors => cors.SetIsOriginAllowed(_ => true).AllowAnyHeader().AllowAnyMethod().AllowCredentials());
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/client"),
            client => client.UseMiddleware<ClientAuthenticationMiddleware>());
        app.MapHub<ServerlessHub>("/client");
        app.MapRestApi();
        return app;
    }

    private static bool TryParseLoopback(string host, [NotNullWhen(true)] out IPAddress? address)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }

        return IPAddress.TryParse(host, out address) && IPAddress.IsLoopback(address);
    }

    private static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First()).Port;
    }
}
