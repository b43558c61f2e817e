using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveServerless.Emulators.SignalR.Tests;

/// <summary>A real SignalR client that records, in arrival order, the invocations the emulator sends it.</summary>
public sealed class TestClient : IAsyncDisposable
{
    public const string MessageTarget = "message";
    private const string FenceTarget = "fence";

    private readonly Channel<(string Target, JsonElement Argument)> _received = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly EmulatorFixture _emulator;

    private TestClient(EmulatorFixture emulator, HubConnection connection)
    {
        _emulator = emulator;
        Connection = connection;
        connection.On<JsonElement>(MessageTarget, argument => _received.Writer.TryWrite((MessageTarget, argument)));
        connection.On<JsonElement>(FenceTarget, argument => _received.Writer.TryWrite((FenceTarget, argument)));
    }

    public HubConnection Connection { get; }

    public string ConnectionId => Connection.ConnectionId ?? throw new InvalidOperationException("Not connected.");

    /// <summary>A client configured like a web client after our negotiate function: url + access token provider.</summary>
    public static TestClient Create(
        EmulatorFixture emulator, string url, string? token, HttpTransportType transports = HttpTransportType.WebSockets, bool skipNegotiation = false) =>
        new(emulator, new HubConnectionBuilder()
            .WithUrl(url, options =>
            {
                options.AccessTokenProvider = () => Task.FromResult(token);
                options.Transports = transports;
                options.SkipNegotiation = skipNegotiation;
            })
            .Build());

    public static async Task<TestClient> ConnectAsync(
        EmulatorFixture emulator, string hub, string? userId, HttpTransportType transports = HttpTransportType.WebSockets)
    {
        var token = TestTokens.Client(emulator.AccessKey, EmulatorFixture.ClientAudience(hub), userId);
        var client = Create(emulator, emulator.ClientUrl(hub), token, transports);
        await client.Connection.StartAsync().WaitAsync(EmulatorFixture.Timeout);
        return client;
    }

    /// <summary>The next invocation, which must be of the "message" target.</summary>
    public async Task<JsonElement> NextMessageAsync()
    {
        var (target, argument) = await _received.Reader.ReadAsync().AsTask().WaitAsync(EmulatorFixture.Timeout);
        Assert.Equal(MessageTarget, target);
        return argument;
    }

    /// <summary>
    /// Proves that nothing else was delivered: sends a fence to this connection and expects it next. Each connection receives
    /// messages in send order, so anything sent earlier to this connection would arrive before the fence.
    /// </summary>
    public async Task ExpectNothingMoreAsync(string hub)
    {
        var fence = Guid.NewGuid().ToString("N");
        await _emulator.SendAsync($"{hub}/connections/{ConnectionId}", new { target = FenceTarget, arguments = new[] { fence } });
        var (target, argument) = await _received.Reader.ReadAsync().AsTask().WaitAsync(EmulatorFixture.Timeout);
        Assert.Equal((FenceTarget, fence), (target, argument.ToString()));
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync().AsTask().WaitAsync(EmulatorFixture.Timeout);
}
