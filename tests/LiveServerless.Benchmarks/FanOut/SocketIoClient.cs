using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LiveServerless.Benchmarks.FanOut;

/// <summary>Receives one Socket.IO event: its name, and a reader positioned on its first argument (read it before returning).</summary>
public delegate void SocketIoEventHandler(ReadOnlySpan<byte> eventName, ref Utf8JsonReader argument);

/// <summary>
/// The client side of Socket.IO (protocol 5, over Engine.IO 4) on a WebSocket, as much of it as a chat listener uses:
/// connect to the default namespace, answer pings, receive events, emit an event and await its acknowledgement.
/// Written here so that the generator reads an event as cheaply as it can (one WebSocket frame, one pass of a
/// Utf8JsonReader, no allocation): at 1,000 listeners the peers' per-event frames must not be bounded by the generator.
/// The peers' servers are the real libraries.
/// </summary>
public sealed class SocketIoClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    private readonly SocketIoEventHandler _onEvent;

    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _acknowledgements = new();

    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly SemaphoreSlim _sending = new(1, 1);

    private readonly CancellationTokenSource _stop = new();

    private Task _receiving = Task.CompletedTask;

    private int _nextAcknowledgement;

    private SocketIoClient(SocketIoEventHandler onEvent) => _onEvent = onEvent;

    /// <summary>Connects to <paramref name="server"/> (http://host:port/); <paramref name="onEvent"/> runs on the receive loop, one event at a time.</summary>
    public static async Task<SocketIoClient> ConnectAsync(Uri server, SocketIoEventHandler onEvent, CancellationToken cancellationToken)
    {
        var client = new SocketIoClient(onEvent);
        var endpoint = new UriBuilder(server) { Scheme = server.Scheme == "https" ? "wss" : "ws", Path = "/socket.io/", Query = "EIO=4&transport=websocket" }.Uri;
        await client._socket.ConnectAsync(endpoint, cancellationToken);
        client._receiving = client.ReceiveAsync();
        await client._connected.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return client;
    }

    public async Task<JsonElement> EmitAsync(string eventName, object data, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextAcknowledgement);
        var acknowledged = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _acknowledgements[id] = acknowledged;
        var arguments = JsonSerializer.Serialize(new[] { eventName, data });
        await SendAsync(string.Create(CultureInfo.InvariantCulture, $"42{id}{arguments}"), cancellationToken);
        return await acknowledged.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        try
        {
            await _receiving;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closing is what was asked for.
        }

        _socket.Dispose();
        _sending.Dispose();
        _stop.Dispose();
    }

    private async Task SendAsync(string packet, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(packet), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                await HandleAsync(buffer.AsMemory(0, length));
            }
        }
        finally
        {
            _connected.TrySetException(new InvalidOperationException("The Socket.IO connection closed before it connected."));
            foreach (var acknowledgement in _acknowledgements.Values)
            {
                acknowledgement.TrySetCanceled();
            }
        }
    }

    /// <summary>One Engine.IO packet: its type digit, then for messages (4) a Socket.IO packet: type digit, ack id digits, JSON.</summary>
    private async Task HandleAsync(ReadOnlyMemory<byte> packet)
    {
        if (packet.Length == 0)
        {
            return;
        }

        switch ((char)packet.Span[0])
        {
            case '0': // open: join the default namespace
                await SendAsync("40", _stop.Token);
                break;
            case '2': // ping from the server
                await SendAsync("3", _stop.Token);
                break;
            case '4' when packet.Length > 1:
                HandleSocketIo(packet[1..]);
                break;
            default:
                break;
        }
    }

    private void HandleSocketIo(ReadOnlyMemory<byte> packet)
    {
        var type = (char)packet.Span[0];
        var digits = 1;
        while (digits < packet.Length && char.IsAsciiDigit((char)packet.Span[digits]))
        {
            digits++;
        }

        switch (type)
        {
            case '0':
                _connected.TrySetResult();
                break;
            case '4':
                _connected.TrySetException(new InvalidOperationException($"Socket.IO refused the connection: {Encoding.UTF8.GetString(packet.Span)}"));
                break;
            case '2':
                var reader = new Utf8JsonReader(packet.Span[digits..]);
                if (reader.Read() && reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    var eventName = reader.ValueSpan;
                    reader.Read();
                    _onEvent(eventName, ref reader);
                }

                break;
            case '3':
                var id = int.Parse(Encoding.ASCII.GetString(packet.Span[1..digits]), CultureInfo.InvariantCulture);
                using (var arguments = JsonDocument.Parse(packet[digits..]))
                {
                    if (_acknowledgements.TryRemove(id, out var acknowledged))
                    {
                        acknowledged.TrySetResult(arguments.RootElement.Clone());
                    }
                }

                break;
            default:
                break;
        }
    }
}
