using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Azure.Messaging.EventHubs;
using LiveServerless.Domain.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Cosmos;
using Polly;

namespace LiveServerless.Functions.Resilience;

/// <summary>What a failure means for whoever meets it.</summary>
public enum FailureKind
{
    /// <summary>A dependency is down, slow or unreachable, or a concurrent writer won a race: trying again can cure it.</summary>
    Transient,

    /// <summary>A dependency asked us to slow down (429, server busy): trying again later cures it.</summary>
    Throttled,

    /// <summary>Trying again cannot cure it: a bug, a misconfiguration, a dependency refusing the request as malformed.</summary>
    Permanent,

    /// <summary>The caller's request was refused by our own rules (validation, auth, not found, conflict): an answer, not an outage.</summary>
    ClientError,

    /// <summary>The caller itself gave up (its cancellation token fired); nobody should retry or report it as an outage.</summary>
    Cancelled,
}

/// <summary>
/// The one place that decides whether a failure is worth retrying. The stream pipeline, the HTTP problem mapper, the push
/// notifier and the background workers all ask it, so a dependency's failure means the same everywhere — including the
/// resilience handler's own exceptions (Polly's <see cref="Polly.Timeout.TimeoutRejectedException"/> and
/// <see cref="Polly.CircuitBreaker.BrokenCircuitException"/>, both <see cref="ExecutionRejectedException"/>).
/// </summary>
public static class FailureClassifier
{
    public static FailureKind Classify(Exception exception, CancellationToken cancellationToken = default) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => FailureKind.Cancelled,

        DomainException or IClientFault or BadHttpRequestException or JsonException => FailureKind.ClientError,

        // Polly's rejections: an attempt or total timeout, an open circuit, an outbound rate limiter. The dependency is unhealthy.
        ExecutionRejectedException => FailureKind.Transient,

        CosmosException cosmos => cosmos.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => FailureKind.Throttled,
            // Conflict and PreconditionFailed: a concurrent writer won; trying again re-reads and re-applies.
            HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout or HttpStatusCode.Gone or HttpStatusCode.InternalServerError
                or HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or (HttpStatusCode)449 => FailureKind.Transient,
            _ => FailureKind.Permanent,
        },
        RequestFailedException request => request.Status switch
        {
            429 => FailureKind.Throttled,
            0 or 408 or >= 500 => FailureKind.Transient,
            _ => FailureKind.Permanent,
        },
        EventHubsException eventHubs => eventHubs.Reason is EventHubsException.FailureReason.ServiceBusy or EventHubsException.FailureReason.QuotaExceeded
            ? FailureKind.Throttled
            : eventHubs.IsTransient || eventHubs.Reason is EventHubsException.FailureReason.ServiceCommunicationProblem or EventHubsException.FailureReason.ServiceTimeout
                ? FailureKind.Transient
                : FailureKind.Permanent,
        HttpRequestException http => http.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => FailureKind.Throttled,
            null or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError => FailureKind.Transient,
            _ => FailureKind.Permanent,
        },

        // Not the caller's token: an SDK or HttpClient timeout.
        OperationCanceledException or TimeoutException or SocketException or IOException => FailureKind.Transient,

        AggregateException { InnerExceptions.Count: > 0 } aggregate => Worst(aggregate.InnerExceptions.Select(e => Classify(e, cancellationToken))),
        _ => FailureKind.Permanent,
    };

    /// <summary>Transient or throttled: the dependency may answer if asked again.</summary>
    public static bool IsRetryable(Exception exception, CancellationToken cancellationToken = default) =>
        Classify(exception, cancellationToken) is FailureKind.Transient or FailureKind.Throttled;

    /// <summary>How long the dependency asked us to wait, when it said so.</summary>
    public static TimeSpan? RetryAfter(Exception exception) => exception switch
    {
        CosmosException { RetryAfter: { } after } => after,
        AggregateException { InnerExceptions.Count: > 0 } aggregate => RetryAfter(aggregate.InnerExceptions[^1]),
        _ => null,
    };

    /// <summary>One failure of several (an SDK's attempts): anything that cannot be cured makes the whole incurable.</summary>
    private static FailureKind Worst(IEnumerable<FailureKind> kinds)
    {
        var all = kinds.ToList();
        return all.Contains(FailureKind.Permanent) ? FailureKind.Permanent
            : all.Contains(FailureKind.ClientError) ? FailureKind.ClientError
            : all.Contains(FailureKind.Throttled) ? FailureKind.Throttled
            : all.All(k => k == FailureKind.Cancelled) ? FailureKind.Cancelled
            : FailureKind.Transient;
    }
}

/// <summary>
/// An exception that says the caller's request was wrong (the HTTP edge's own refusals implement it): never retried, never a
/// dependency's fault.
/// </summary>
public interface IClientFault;
