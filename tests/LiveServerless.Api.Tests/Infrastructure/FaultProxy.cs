using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>What a <see cref="FaultProxy"/> does with a connection.</summary>
public abstract record Fault
{
    /// <summary>Passes bytes through to the real dependency.</summary>
    public static readonly Fault None = new Forward();

    /// <summary>Accepts the connection and never answers.</summary>
    public static readonly Fault Hang = new Hanging();

    /// <summary>Reads the request, then resets the connection (TCP RST).</summary>
    public static readonly Fault Reset = new Resetting();

    /// <summary>Answers every request with <paramref name="status"/> and <paramref name="headers"/>, closing the connection after each.</summary>
    public static Fault Answer(int status, params (string Name, string Value)[] headers) => new Answering(status, headers);

    internal sealed record Forward : Fault;

    internal sealed record Hanging : Fault;

    internal sealed record Resetting : Fault;

    internal sealed record Answering(int Status, (string Name, string Value)[] Headers) : Fault;
}

/// <summary>
/// A loopback TCP proxy of the test in front of a real dependency (an emulator): the app's connection string points here, and the
/// test decides, connection by connection, whether bytes pass through or the dependency hangs, resets or answers an error —
/// fault injection at the wire, with the app's code path untouched. Switching the fault closes connections already open, so
/// clients that keep connections alive meet the new behaviour on their next request.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    private readonly CancellationTokenSource _stopping = new();

    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();

    private readonly Task _accepting;

    private readonly int _targetPort;

    private Fault _fault;

    private int _faultedConnections;

    public FaultProxy(int targetPort, Fault? initial = null)
    {
        _targetPort = targetPort;
        _fault = initial ?? Fault.None;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections that met a fault rather than the dependency.</summary>
    public int FaultedConnections => Volatile.Read(ref _faultedConnections);

    public Fault Fault
    {
        get => Volatile.Read(ref _fault);
        set
        {
            Volatile.Write(ref _fault, value);
            foreach (var client in _open.Keys)
            {
                client.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        foreach (var client in _open.Keys)
        {
            client.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _open[client] = 0;
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var token = _stopping.Token;
        try
        {
            var fault = Fault;
            if (fault is not Fault.Forward)
            {
                Interlocked.Increment(ref _faultedConnections);
            }

            var stream = client.GetStream();
            switch (fault)
            {
                case Fault.Forward:
                    using (var target = new TcpClient())
                    {
                        await target.ConnectAsync(IPAddress.Loopback, _targetPort, token);
                        var upstream = target.GetStream();
                        await Task.WhenAny(stream.CopyToAsync(upstream, token), upstream.CopyToAsync(stream, token));
                    }

                    break;
                case Fault.Hanging:
                    await Task.Delay(Timeout.Infinite, token);
                    break;
                case Fault.Resetting:
                    await ReadRequestHeadAsync(stream, token);
                    client.Client.LingerState = new LingerOption(true, 0);
                    break;
                case Fault.Answering answering:
                    await ReadRequestHeadAsync(stream, token);
                    var head = new StringBuilder($"HTTP/1.1 {answering.Status} Fault\r\nContent-Length: 0\r\nConnection: close\r\n");
                    foreach (var (name, value) in answering.Headers)
                    {
                        head.Append($"{name}: {value}\r\n");
                    }

                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), token);
                    break;
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The app or the test closed the connection; nothing to do.
        }
        finally
        {
            _open.TryRemove(client, out _);
            client.Dispose();
        }
    }

    /// <summary>Reads up to the end of the request's headers (a body, if any, is not needed to answer).</summary>
    private static async Task ReadRequestHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var seen = new StringBuilder();
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
