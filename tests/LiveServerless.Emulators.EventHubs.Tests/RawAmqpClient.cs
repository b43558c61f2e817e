using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;

namespace LiveServerless.Emulators.EventHubs.Tests;

/// <summary>A bare AMQP client, for doing what the SDK never does on purpose (such as dropping a connection without closing it).</summary>
internal static class RawAmqpClient
{
    public static async Task<AmqpConnection> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(AmqpConstants.DefaultProtocolVersion);
        sasl.AddHandler(new SaslAnonymousHandler("MSSBCBS"));
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(AmqpConstants.DefaultProtocolVersion);
        var settings = new AmqpSettings();
        settings.TransportProviders.Add(sasl);
        settings.TransportProviders.Add(amqp);

        var transport = await new AmqpTransportInitiator(settings, new TcpTransportSettings { Host = "127.0.0.1", Port = port })
            .ConnectAsync(cancellationToken);
        var connection = new AmqpConnection(transport, settings, new AmqpConnectionSettings { ContainerId = "raw-test-client", HostName = "localhost" });
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
