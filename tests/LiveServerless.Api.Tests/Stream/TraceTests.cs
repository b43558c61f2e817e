using System.Collections.Concurrent;
using System.Diagnostics;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions;
using LiveServerless.Functions.Streaming;

namespace LiveServerless.Api.Tests.Stream;

/// <summary>
/// A request's trace continues through Event Hubs into the processor: with the real SDK and our emulator, the span that
/// processes an event belongs to the trace of the span that published it, and is the publishing span's child.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class TraceTests(DevHostFixture fixture) : IDisposable
{
    private static readonly ActivitySource Request = new("LiveServerless.Tests.Request");

    private readonly ConcurrentQueue<Activity> _stopped = new();

    private readonly ActivityListener _listener = Listen();

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task TheProcessingSpan_ContinuesTheTraceOfTheRequestThatPublishedTheEvent()
    {
        ActivitySource.AddActivityListener(_listener);
        _listener.ActivityStopped = _stopped.Enqueue;
        await using var app = new ProcessorHarness(fixture, "proc-trace", "trace" + Guid.NewGuid().ToString("N")[..8]);
        await app.StartProcessorAsync("instance-a");

        Activity request;
        using (request = Request.StartActivity("POST /api/rooms/{roomId}/interactions", ActivityKind.Server)!)
        {
            var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
            await app.Publisher.PublishAsync([ProcessorHarness.Event(tenant, "room-1", "user-1", InteractionType.Like)], CancellationToken.None);
        }

        var published = _stopped.Single(a => a.OperationName == "publish interactions" && a.TraceId == request.TraceId);
        var processing = await Eventually.MatchesAsync(
            () => Task.FromResult(_stopped.FirstOrDefault(a => a.OperationName == "process interactions" && a.TraceId == request.TraceId)),
            span => span is not null,
            "A processing span joining the request's trace");

        Assert.NotNull(processing);
        Assert.Equal(ActivityKind.Consumer, processing.Kind);
        Assert.Equal(published.SpanId, processing.ParentSpanId);
    }

    private static ActivityListener Listen() => new()
    {
        ShouldListenTo = source => source.Name is Telemetry.ActivitySourceName or "LiveServerless.Tests.Request",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };
}
