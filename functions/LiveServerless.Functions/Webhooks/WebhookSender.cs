using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Webhooks;

/// <summary>The answer to one attempt and, for a throttled or unavailable receiver, when it asked to be tried again.</summary>
public sealed record SendResult(DeliveryAttempt Attempt, TimeSpan? RetryAfter);

/// <summary>A target the SSRF rules forbid, found when connecting (the name resolved to a private address).</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// Sends one signed delivery (Standard Webhooks headers) and reports what happened. Safe by construction: redirects are not
/// followed (a 3xx is a failed attempt), the whole attempt has <see cref="Timeout"/>, at most <see cref="MaxResponseBytes"/> of the
/// answer are read, and the connection is only opened to addresses the SSRF rules allow (<see cref="ConnectAsync"/>).
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public const int MaxResponseBytes = 4 * 1024;

    public const string UserAgent = "LiveServerless-Webhooks/1.0";

    public async Task<SendResult> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", delivery.Id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", WebhookSignature.Seconds(at));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Sign(subscription.Secret, delivery.Id, at, delivery.Payload));
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await DrainAsync(response, timeout.Token);
            var retryAfter = response.Headers.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null)
                : null;
            return new SendResult(new DeliveryAttempt(at, (int)response.StatusCode, watch.ElapsedMilliseconds, null), retryAfter);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(at, watch, $"timeout: no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException exception) when (Refusal(exception) is { } refused)
        {
            return Failed(at, watch, WebhookDelivery.RefusedPrefix + " " + refused.Message);
        }
        catch (HttpRequestException exception)
        {
            return Failed(at, watch, "connection failed: " + (exception.HttpRequestError == HttpRequestError.Unknown ? exception.Message : exception.HttpRequestError.ToString()));
        }
    }

    /// <summary>
    /// The socket connection of the webhook client: resolves the host and connects only to an address the rules allow, so a name
    /// that resolves (or re-resolves) to a private address never reaches the internal network.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(bool allowPrivate, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || WebhookTarget.IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException($"'{host}' resolves only to loopback, private or link-local addresses.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The HTTP handler of the webhook client; <paramref name="options"/> says whether private targets are allowed (development).</summary>
    public static SocketsHttpHandler CreateHandler(IOptions<WebhooksOptions> options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = Timeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        MaxResponseHeadersLength = 16,
        ConnectCallback = (context, token) => ConnectAsync(options.Value.AllowPrivateTargets, context, token),
    };

    private static async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[1024];
        var read = 0;
        int chunk;
        while (read < MaxResponseBytes && (chunk = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            read += chunk;
        }
    }

    private static WebhookTargetRefusedException? Refusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is WebhookTargetRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static SendResult Failed(DateTimeOffset at, Stopwatch watch, string error) =>
        new(new DeliveryAttempt(at, null, watch.ElapsedMilliseconds, error), null);
}
