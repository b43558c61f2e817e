using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Messaging.EventHubs;
using LiveServerless.Domain.Common;
using LiveServerless.Functions.Http;
using LiveServerless.Functions.Resilience;
using Microsoft.Azure.Cosmos;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace LiveServerless.Api.Tests.Faults;

/// <summary>One classifier for every caller: what each dependency's failure means, including the resilience handler's own.</summary>
public sealed class FailureClassifierTests
{
    public static TheoryData<Exception, FailureKind> Cases => new()
    {
        { new TimeoutRejectedException(), FailureKind.Transient },
        { new BrokenCircuitException(), FailureKind.Transient },
        { new HttpRequestException("down"), FailureKind.Transient },
        { new HttpRequestException("503", null, HttpStatusCode.ServiceUnavailable), FailureKind.Transient },
        { new HttpRequestException("429", null, HttpStatusCode.TooManyRequests), FailureKind.Throttled },
        { new HttpRequestException("401", null, HttpStatusCode.Unauthorized), FailureKind.Permanent },
        { new CosmosException("throttled", HttpStatusCode.TooManyRequests, 3200, "a", 1), FailureKind.Throttled },
        { new CosmosException("unavailable", HttpStatusCode.ServiceUnavailable, 0, "a", 1), FailureKind.Transient },
        { new CosmosException("lost race", HttpStatusCode.PreconditionFailed, 0, "a", 1), FailureKind.Transient },
        { new CosmosException("bad", HttpStatusCode.BadRequest, 0, "a", 1), FailureKind.Permanent },
        { new RequestFailedException(0, "no connection"), FailureKind.Transient },
        { new RequestFailedException(503, "busy"), FailureKind.Transient },
        { new RequestFailedException(429, "slow down"), FailureKind.Throttled },
        { new RequestFailedException(400, "bad entity"), FailureKind.Permanent },
        { new EventHubsException(true, "hub", EventHubsException.FailureReason.ServiceCommunicationProblem), FailureKind.Transient },
        { new EventHubsException(false, "hub", EventHubsException.FailureReason.ServiceBusy), FailureKind.Throttled },
        { new EventHubsException(false, "hub", EventHubsException.FailureReason.ResourceNotFound), FailureKind.Permanent },
        { new SocketException((int)SocketError.ConnectionReset), FailureKind.Transient },
        { new TaskCanceledException("HttpClient timeout"), FailureKind.Transient },
        { new AggregateException(new HttpRequestException("down"), new RequestFailedException(429, "slow")), FailureKind.Throttled },
        { new AggregateException(new HttpRequestException("down"), new InvalidOperationException("bug")), FailureKind.Permanent },
        { new NotFoundException("User", "u"), FailureKind.ClientError },
        { ProblemException.Forbidden("no"), FailureKind.ClientError },
        { new InvalidOperationException("bug"), FailureKind.Permanent },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_NamesWhatTheFailureMeans(Exception exception, FailureKind expected) =>
        Assert.Equal(expected, FailureClassifier.Classify(exception));

    [Fact]
    public void TheCallersOwnCancellation_IsNeitherRetriedNorAnOutage()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Equal(FailureKind.Cancelled, FailureClassifier.Classify(new OperationCanceledException(cancelled.Token), cancelled.Token));
        Assert.False(FailureClassifier.IsRetryable(new OperationCanceledException(cancelled.Token), cancelled.Token));
    }
}
