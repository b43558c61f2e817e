using System.Reflection;
using System.Text.Json;
using Azure;
using Azure.Messaging.EventHubs;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Economy;
using LiveServerless.Functions.Resilience;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace LiveServerless.Functions.Http;

/// <summary>
/// The single place where a failure becomes an HTTP answer. Both hosts call it — the Functions worker middleware and DevHost —
/// so error behaviour cannot drift between Azure and local runs. Nothing internal (stack traces, exception messages of
/// dependencies, type names) ever reaches the client.
/// </summary>
public static class ProblemMapper
{
    private static readonly TimeSpan DependencyRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The problem answer for <paramref name="exception"/>. Its headers (Retry-After, WWW-Authenticate, RateLimit) go on the response
    /// now; whatever the function had set there before it failed is dropped, so a failure never carries a success's ETag or Location.
    /// </summary>
    public static IResult ToResult(Exception exception, HttpContext httpContext, ILogger logger)
    {
        var (problem, headers) = Map(Unwrap(exception), httpContext, logger);
        var response = httpContext.Response;
        response.Headers.Remove(HeaderNames.ETag);
        response.Headers.Remove(HeaderNames.Location);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        return Problems.ToResult(problem, httpContext);
    }

    private static (ProblemDetails Problem, IReadOnlyDictionary<string, string>? Headers) Map(Exception exception, HttpContext httpContext, ILogger logger)
    {
        switch (exception)
        {
            case ProblemException p:
                return (p.Problem, p.Headers);
            case ValidationException v:
                return (Problems.Validation(v.Errors), null);
            case NotFoundException n:
                return (Problems.Of(404, "not-found", "Not found.", n.Message), null);
            case ForbiddenException f:
                return (Problems.Of(403, "forbidden", "Not allowed.", f.Message), null);
            case RateLimitedException r:
                var limited = ProblemException.TooManyRequests(r.Message, r.RetryAfter);
                return (limited.Problem, r.State is null ? limited.Headers : limited.Headers.Concat(RateLimitHeaders.For([r.State])).ToDictionary());
            case InsufficientFundsException funds:
                return (Problems.Of(402, "insufficient-balance", "Not enough coins.", funds.Message,
                    new Dictionary<string, object?> { ["balance"] = funds.Balance, ["required"] = funds.Required }), null);
            case ConflictException c:
                return (Problems.Of(409, "conflict", "Conflict.", c.Message), null);
            case PreconditionFailedException pf:
                return (Problems.Of(412, "precondition-failed", "The object has changed.", pf.Message), null);
            case BadHttpRequestException bad:
                return (Problems.Of(bad.StatusCode, "bad-request", "The request is invalid.", "The request could not be read."), null);
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return (Problems.Of(400, "aborted", "The request was aborted by the client."), null);
            default:
                return MapDependencyFailure(exception, httpContext, logger);
        }
    }

    /// <summary>Whatever our own rules did not answer: a dependency's failure, classified once by <see cref="FailureClassifier"/>.</summary>
    private static (ProblemDetails Problem, IReadOnlyDictionary<string, string>? Headers) MapDependencyFailure(Exception exception, HttpContext httpContext, ILogger logger)
    {
        switch (FailureClassifier.Classify(exception))
        {
            case FailureKind.Transient or FailureKind.Throttled:
                logger.LogWarning(exception, "A dependency failed while serving {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                var retryAfter = FailureClassifier.RetryAfter(exception) is { } after && after > DependencyRetryAfter ? after : DependencyRetryAfter;
                var unavailable = ProblemException.ServiceUnavailable("A storage or messaging dependency did not answer in time.", retryAfter);
                return (unavailable.Problem, unavailable.Headers);
            case FailureKind.Permanent when exception is CosmosException or RequestFailedException or EventHubsException or HttpRequestException:
                // A dependency refused us in a way retrying will not cure (a misconfiguration, our bug): the service is unavailable,
                // not the client's fault, and never a bare 500. Logged as an error so it is looked at.
                logger.LogError(exception, "A dependency refused a request while serving {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                var refused = ProblemException.ServiceUnavailable("A storage or messaging dependency refused the request.", DependencyRetryAfter);
                return (refused.Problem, refused.Headers);
            default:
                logger.LogError(exception, "Unexpected failure while serving {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                return (Problems.Of(500, "internal", "An unexpected error occurred.", "The failure was logged with the trace id below."), null);
        }
    }

    private static Exception Unwrap(Exception exception) => exception switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        // Azure SDK retry policies throw an AggregateException of every attempt's failure; the last one says what happened.
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Unwrap(aggregate.InnerExceptions[^1]),
        JsonException json => JsonProblems.From(json),
        _ => exception,
    };
}
