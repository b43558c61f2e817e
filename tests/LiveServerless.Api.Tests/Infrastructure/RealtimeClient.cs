using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>
/// A web client as a browser would run it: the official SignalR client pointed at our /api with a user token, negotiated
/// through our negotiate function and redirected to the (emulated) SignalR Service. It records every event it receives.
/// </summary>
public sealed class RealtimeClient : IAsyncDisposable
{
    public static readonly string[] Targets = ["chatMessage", "messageDeleted", "viewers", "pinned", "moderation", "roomStats"];

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<(string Target, JsonElement Payload)> _received = new();

    private readonly SemaphoreSlim _arrived = new(0);

    private RealtimeClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    public IReadOnlyList<(string Target, JsonElement Payload)> Received => _received.ToArray();

    public static async Task<RealtimeClient> ConnectAsync(Uri devHost, string userToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(devHost, "api"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(userToken))
            .Build();
        var client = new RealtimeClient(connection);
        foreach (var target in Targets)
        {
            connection.On<JsonElement>(target, payload => client.Record(target, payload));
        }

        using var timeout = new CancellationTokenSource(DefaultWait);
        await connection.StartAsync(timeout.Token);
        return client;
    }

    public IEnumerable<JsonElement> Of(string target) => _received.Where(e => e.Target == target).Select(e => e.Payload);

    /// <summary>Waits until an event of <paramref name="target"/> matching <paramref name="match"/> has arrived.</summary>
    public async Task<JsonElement> WaitForAsync(string target, Func<JsonElement, bool>? match = null, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? DefaultWait);
        while (true)
        {
            var found = Of(target).Where(p => match is null || match(p)).Select(p => (JsonElement?)p).FirstOrDefault();
            if (found is { } payload)
            {
                return payload;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || !await _arrived.WaitAsync(remaining))
            {
                throw new TimeoutException($"No '{target}' event arrived in time; received: {string.Join(", ", _received.Select(e => e.Target))}");
            }
        }
    }

    public Task<JsonElement> WaitForMessageAsync(string text) =>
        WaitForAsync("chatMessage", m => m.GetProperty("text").GetString() == text);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private void Record(string target, JsonElement payload)
    {
        _received.Enqueue((target, payload.Clone()));
        _arrived.Release();
    }
}
