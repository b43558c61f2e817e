using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>
/// A web client as a browser would run it: the official SignalR client pointed at our /api with a user token, negotiated
/// through our negotiate function and redirected to the (emulated) SignalR Service. It handles the one target the service
/// pushes, <c>roomEvents</c>, and records every event of every batch by its type (<c>chatMessage</c>, <c>viewers</c>, …) with
/// its data, and every batch as it arrived (<see cref="Batches"/>), so tests can check the order of events too.
/// </summary>
public sealed class RealtimeClient : IAsyncDisposable
{
    public const string RoomEventsTarget = "roomEvents";

    public static readonly string[] EventTypes = ["chatMessage", "messageDeleted", "viewers", "pinned", "moderation", "roomStats"];

    private readonly ConcurrentQueue<JsonElement> _batches = new();

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
        connection.On<JsonElement>(RoomEventsTarget, client.RecordBatch);

        using var timeout = new CancellationTokenSource(DefaultWait);
        await connection.StartAsync(timeout.Token);
        return client;
    }

    /// <summary>Every <c>roomEvents</c> batch received, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Batches => _batches.ToArray();

    /// <summary>The seq of every event received for <paramref name="roomId"/>, in arrival order.</summary>
    public IReadOnlyList<long> SeqsOf(string roomId) =>
        Batches.Where(b => b.GetProperty("roomId").GetString() == roomId)
            .SelectMany(b => b.GetProperty("events").EnumerateArray())
            .Select(e => e.GetProperty("seq").GetInt64())
            .ToArray();

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

    private void RecordBatch(JsonElement batch)
    {
        var copy = batch.Clone();
        _batches.Enqueue(copy);
        foreach (var roomEvent in copy.GetProperty("events").EnumerateArray())
        {
            _received.Enqueue((roomEvent.GetProperty("type").GetString()!, roomEvent.GetProperty("data")));
        }

        _arrived.Release();
    }
}
