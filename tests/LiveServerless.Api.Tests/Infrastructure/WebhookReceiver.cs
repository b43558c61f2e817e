using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>One request as the receiver saw it.</summary>
public sealed record ReceivedWebhook(string Path, string? Id, string? Timestamp, string? Signature, string Body, int AnsweredWith);

/// <summary>
/// A real HTTP server on loopback (Kestrel, a free port) standing in for a partner's webhook endpoint. <see cref="Answer"/> decides each
/// answer (default 200); every request is recorded, so tests can count attempts and dedupe by <c>webhook-id</c> as a receiver would.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The answer to the n-th request (1-based), with extra headers; 200 unless a test says otherwise.</summary>
    public Func<int, (int Status, IReadOnlyDictionary<string, string>? Headers)> Answer { get; set; } = _ => (200, null);

    public Uri BaseAddress { get; private set; } = null!;

    public string Url(string path = "/hooks") => new Uri(BaseAddress, path).ToString();

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return receiver;
    }

    /// <summary>The distinct events received, deduplicated by webhook-id the way the Standard Webhooks receiver guidance says.</summary>
    public IReadOnlyList<ReceivedWebhook> Deduplicated(Func<ReceivedWebhook, bool>? accepted = null) =>
        [.. Received.Where(r => r.AnsweredWith is >= 200 and < 300 && (accepted?.Invoke(r) ?? true)).GroupBy(r => r.Id).Select(g => g.First())];

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var (status, headers) = Answer(Interlocked.Increment(ref _count));
        _received.Enqueue(new ReceivedWebhook(
            context.Request.Path, context.Request.Headers["webhook-id"].FirstOrDefault(), context.Request.Headers["webhook-timestamp"].FirstOrDefault(),
            context.Request.Headers["webhook-signature"].FirstOrDefault(), body, status));
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
