using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the creating POSTs (<see cref="IdempotentRoutes"/>), as worker middleware so no function has to think
/// about it: the first request with a key runs and its 2xx answer (status, body, <c>Location</c>, <c>ETag</c>) is kept 24 hours; a
/// repeat with the same key and the same request gets that answer again (with <c>Idempotent-Replayed: true</c>) and creates nothing;
/// the same key with a different body is <c>422</c>; a repeat while the first is still running waits for its answer (<c>409</c> with <c>Retry-After</c> if that takes over 10 s).
/// Of concurrent repeats exactly one runs (the claim is an insert). A request that fails gives its key back, so a retry runs again.
/// Keys belong to the credential that sent them.
/// </summary>
public sealed partial class IdempotencyMiddleware(IdempotencyStore store, TimeProvider time, ILogger<IdempotencyMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public const string Header = "Idempotency-Key";

    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxKeyLength = 255;

    /// <summary>How long a concurrent repeat waits for the first request's answer before it is told to retry (409).</summary>
    public static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(10);

    private static readonly string[] ReplayedHeaders = ["Location", "ETag"];

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (!IdempotentRoutes.Functions.Contains(context.FunctionDefinition.Name) || context.GetHttpContext() is not { } http ||
            !http.Request.Headers.TryGetValue(Header, out var keyValues) || !http.Request.Headers.TryGetValue(RequestGuard.ApiKeyHeader, out var credential))
        {
            await next(context);
            return;
        }

        var key = keyValues.ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < ' ' or > '~'))
        {
            throw ProblemException.Invalid(new Dictionary<string, string[]> { [Header] = [$"must be 1-{MaxKeyLength} printable ASCII characters"] });
        }

        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            // Larger than any body the function accepts: it answers 413 and there is nothing to remember.
            await next(context);
            return;
        }

        var scope = Hash(Encoding.UTF8.GetBytes(credential.ToString()));
        var row = Hash(Encoding.UTF8.GetBytes(context.FunctionDefinition.Name + "\n" + key));
        var fingerprint = Hash([.. Encoding.UTF8.GetBytes(http.Request.Path.Value + "\n"), .. body]);
        switch (await ClaimAsync(scope, row, fingerprint, http.RequestAborted))
        {
            case IdempotencyClaim.Replay replay:
                context.GetInvocationResult().Value = Replay(replay.Response, http.Response);
                return;
            case IdempotencyClaim.Mismatch:
                throw new ProblemException(Problems.Of(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "The Idempotency-Key was used for a different request.",
                    "A key identifies one request; send a new key for a different body or route."));
            case IdempotencyClaim.InProgress:
                throw new ProblemException(
                    Problems.Of(StatusCodes.Status409Conflict, "idempotency-key-in-use", "A request with this Idempotency-Key is still being processed.", "Retry shortly for its answer."),
                    new Dictionary<string, string> { ["Retry-After"] = "1" });
            case IdempotencyClaim.Claimed claimed:
                await RunFirstAsync(context, next, scope, row, fingerprint, claimed.ETag);
                return;
        }
    }

    /// <summary>Claims the key; a repeat that arrives while the first runs waits up to <see cref="WaitForFirst"/> for the first's answer.</summary>
    private async Task<IdempotencyClaim> ClaimAsync(string scope, string row, string fingerprint, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + WaitForFirst;
        while (true)
        {
            var claim = await store.ClaimAsync(scope, row, fingerprint, time.GetUtcNow(), cancellationToken);
            if (claim is not IdempotencyClaim.InProgress || time.GetUtcNow() >= until)
            {
                return claim;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }

    private async Task RunFirstAsync(FunctionContext context, FunctionExecutionDelegate next, string scope, string row, string fingerprint, string etag)
    {
        try
        {
            await next(context);
        }
        catch
        {
            await ReleaseQuietlyAsync(scope, row, etag);
            throw;
        }

        if (context.GetInvocationResult().Value is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 and var status } result)
        {
            await ReleaseQuietlyAsync(scope, row, etag);
            return;
        }

        var body = (result as IValueHttpResult)?.Value is { } value ? JsonSerializer.Serialize(value, value.GetType(), ApiJson.Options) : null;
        var response = context.GetHttpContext()!.Response;

        // Kept as the answer goes out, when the result has written its own headers (Location) next to the function's (ETag).
        response.OnStarting(async () =>
        {
            var headers = ReplayedHeaders.Where(response.Headers.ContainsKey).ToDictionary(name => name, name => response.Headers[name].ToString());
            try
            {
                await store.CompleteAsync(scope, row, fingerprint, etag, new StoredResponse(status, headers, body), time.GetUtcNow(), CancellationToken.None);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The object exists and the client gets its answer; only a repeat after the claim expires could run again.
                LogNotRemembered(exception, context.FunctionDefinition.Name);
            }
        });
    }

    /// <summary>Answers with a kept answer again, marked as a replay.</summary>
    private static IResult Replay(StoredResponse kept, HttpResponse response)
    {
        foreach (var (name, value) in kept.Headers)
        {
            response.Headers[name] = value;
        }

        response.Headers[ReplayedHeader] = "true";
        return kept.Body is null ? TypedResults.StatusCode(kept.Status) : TypedResults.Text(kept.Body, "application/json", statusCode: kept.Status);
    }

    private async Task ReleaseQuietlyAsync(string scope, string row, string etag)
    {
        try
        {
            await store.ReleaseAsync(scope, row, etag, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogNotReleased(exception);
        }
    }

    /// <summary>The body, left readable for the function; null when it is larger than <see cref="RequestBody.MaxBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > RequestBody.MaxBytes)
        {
            return null;
        }

        request.EnableBuffering(RequestBody.MaxBytes + 1, RequestBody.MaxBytes + 1);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > RequestBody.MaxBytes)
            {
                request.Body.Position = 0;
                return null;
            }
        }

        request.Body.Position = 0;
        return buffer.ToArray();
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer of {Function} could not be kept for its Idempotency-Key; a repeat after the claim expires runs again")]
    private partial void LogNotRemembered(Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Information, Message = "An Idempotency-Key claim could not be given back; it expires by itself")]
    private partial void LogNotReleased(Exception exception);
}
