using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// Listens for plain-AMQP clients (no TLS, as with Microsoft's emulator), negotiates SASL, opens their connections and keeps
/// track of them so that stopping closes every connection, session and link cleanly.
/// </summary>
internal sealed class AmqpServer
{
    private const string ContainerId = "LiveServerless.Emulators.EventHubs";

    /// <summary>Clients must show life within this time; the library sends them heartbeats at half their own idle timeout.</summary>
    private const uint IdleTimeoutMilliseconds = 4 * 60 * 1000;

    private static readonly TimeSpan _openTimeout = TimeSpan.FromSeconds(30);

    private readonly AmqpSettings _settings;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<AmqpConnection, byte> _connections = new();
    private AmqpTransportListener? _listener;

    private AmqpServer(IRuntimeProvider runtime, ILogger logger)
    {
        _logger = logger;

        // The .NET SDK authenticates with the SASL mechanism MSSBCBS, the JavaScript, Python and Java SDKs with ANONYMOUS; the
        // service offers both, and the real check happens later, by $cbs token. The library negotiates only the protocol
        // versions a provider lists, and a new SASL provider lists none.
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(AmqpConstants.DefaultProtocolVersion);
        sasl.AddHandler(new SaslAnonymousHandler("MSSBCBS"));
        sasl.AddHandler(new SaslAnonymousHandler());
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(AmqpConstants.DefaultProtocolVersion);

        _settings = new AmqpSettings { RuntimeProvider = runtime };
        _settings.TransportProviders.Add(sasl);
        _settings.TransportProviders.Add(amqp);
    }

    public int Port { get; private set; }

    /// <summary>Starts listening; with <paramref name="port"/> 0, on a free port (a port found free can be taken before it is bound, so that is retried).</summary>
    public static AmqpServer Start(string host, int port, X509Certificate2? tlsCertificate, IRuntimeProvider runtime, ILogger logger)
    {
        // The library binds "localhost" to every interface; a dev tool should only be reachable from this machine.
        var bindHost = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback.ToString() : host;
        var server = new AmqpServer(runtime, logger);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = port != 0 ? port : FindFreePort(bindHost);
            try
            {
                server.Listen(bindHost, candidate, tlsCertificate);
                return server;
            }
            catch (SocketException busy) when (port == 0 && attempt < 5 && busy.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                Log.PortTaken(logger, candidate);
            }
        }
    }

    /// <summary>Stops accepting clients, then closes each connection (and so its sessions and links), cutting off those that do not answer in time.</summary>
    public async Task StopAsync(TimeSpan closeTimeout, CancellationToken cancellationToken)
    {
        _listener?.SafeClose();
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        closing.CancelAfter(closeTimeout);
        await Task.WhenAll(_connections.Keys.Select(connection => CloseAsync(connection, closing.Token)));
    }

    private static int FindFreePort(string host)
    {
        var probe = new TcpListener(IPAddress.TryParse(host, out var address) ? address : IPAddress.Any, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }

    private static async Task CloseAsync(AmqpConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.CloseAsync(cancellationToken);
        }
        catch (Exception)
        {
            // A client that does not answer the close in time (or is already gone) is cut off.
            connection.Abort();
        }
    }

    /// <summary>Plain AMQP, or AMQP over TLS from the first byte (as the service serves port 5671) when there is a certificate.</summary>
    private void Listen(string host, int port, X509Certificate2? tlsCertificate)
    {
        TransportSettings transport = new TcpTransportSettings { Host = host, Port = port };
        if (tlsCertificate is not null)
        {
            transport = new TlsTransportSettings(transport, isInitiator: false) { Certificate = tlsCertificate };
        }

        var listener = new AmqpTransportListener([transport.CreateListener()], _settings);
        try
        {
            listener.Listen(OnTransportAccepted);
        }
        catch
        {
            listener.Abort();
            throw;
        }

        _listener = listener;
        Port = port;
    }

    /// <summary>Called by the listener once a client's transport (TCP, then SASL) is established and its AMQP header is read.</summary>
    private void OnTransportAccepted(TransportListener listener, TransportAsyncCallbackArgs accepted)
    {
        try
        {
            var connection = _settings.RuntimeProvider.CreateConnection(
                accepted.Transport,
                (ProtocolHeader)accepted.UserToken,
                isInitiator: false,
                _settings,
                new AmqpConnectionSettings { ContainerId = ContainerId, IdleTimeOut = IdleTimeoutMilliseconds });
            _ = OpenAsync(connection);
        }
        catch (Exception exception)
        {
            Log.ConnectionFailed(_logger, accepted.Transport?.RemoteEndPoint, exception);
            accepted.Transport?.SafeClose(exception);
        }
    }

    private async Task OpenAsync(AmqpConnection connection)
    {
        // Tracked before it is open, so that stopping also cuts off a client that is still handshaking.
        _connections.TryAdd(connection, 0);
        connection.Closed += (_, _) =>
        {
            _connections.TryRemove(connection, out _);
            Log.ConnectionClosed(_logger, connection.Settings.RemoteContainerId, connection.TerminalException?.Message ?? "closed cleanly");
        };

        try
        {
            await connection.OpenAsync(_openTimeout);
            Log.ConnectionOpened(_logger, connection.Settings.RemoteContainerId);
        }
        catch (Exception exception)
        {
            // A client that disconnects mid-handshake is routine; it must not disturb the emulator.
            Log.ConnectionFailed(_logger, connection.Settings.RemoteContainerId, exception);
            connection.SafeClose(exception);
        }
    }
}
