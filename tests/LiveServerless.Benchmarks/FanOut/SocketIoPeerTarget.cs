using System.Globalization;
using System.Net;
using System.Text.Json;
using LiveServerless.DevHost.Local;

namespace LiveServerless.Benchmarks.FanOut;

/// <summary>
/// A peer: a Socket.IO broadcast chat (peers/socketio_chat.js on Node, peers/flask_socketio_chat.py on Flask-SocketIO and
/// eventlet) in a process of its own. Listeners connect with Socket.IO and emit "join"; posts are
/// <c>POST /rooms/{id}/messages</c> with the same body as LiveServerless' plus the sender (the peers have no tokens).
/// </summary>
public sealed class SocketIoPeerTarget(string name, string program, string script, string repoRoot) : IChatTarget
{
    private ServerProcess? _server;

    private HttpClient? _http;

    public string Name => name;

    public int ProcessId => _server?.Id ?? 0;

    private HttpClient Http => _http ?? throw new InvalidOperationException("Start the target first.");

    public async Task StartAsync(int users, CancellationToken cancellationToken)
    {
        var port = Ports.FindFree();
        _server = ServerProcess.Start(name, program, [script, port.ToString(CultureInfo.InvariantCulture)], repoRoot);
        await _server.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30), cancellationToken);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), Timeout = TimeSpan.FromMinutes(1) };
    }

    public async Task<IAsyncDisposable> ListenAsync(int user, Deliveries deliveries, CancellationToken cancellationToken)
    {
        var client = await SocketIoClient.ConnectAsync(Http.BaseAddress!, (ReadOnlySpan<byte> eventName, ref Utf8JsonReader argument) =>
        {
            deliveries.Frame();
            if (eventName.SequenceEqual("chatMessage"u8) && argument.TokenType == JsonTokenType.StartObject)
            {
                var depth = argument.CurrentDepth;
                while (argument.Read() && argument.CurrentDepth > depth)
                {
                    if (argument.TokenType == JsonTokenType.PropertyName && argument.CurrentDepth == depth + 1 && argument.ValueTextEquals("text"u8) && argument.Read())
                    {
                        deliveries.ChatMessage(argument.ValueSpan);
                        return;
                    }
                }
            }
        }, cancellationToken);
        await client.EmitAsync("join", new { room = LiveServerlessTarget.RoomId }, cancellationToken);
        return client;
    }

    public Task KeepPresenceAsync(IReadOnlyList<int> users, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<HttpStatusCode> PostAsync(int user, string text, CancellationToken cancellationToken)
    {
        var body = new { userId = FanOutRun.UserId(user), displayName = FanOutRun.DisplayName(user), text };
        using var response = await Http.PostAsync($"rooms/{LiveServerlessTarget.RoomId}/messages", ChatText.JsonBody(body), cancellationToken);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
