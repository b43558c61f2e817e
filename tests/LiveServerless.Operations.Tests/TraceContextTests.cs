using System.Diagnostics;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions;
using LiveServerless.Functions.Streaming;

namespace LiveServerless.Operations.Tests;

/// <summary>
/// An interaction's trace goes on across Event Hubs: the span that processes it is a child of the span that published it,
/// which is a child of the HTTP request's span. Checked with the real Event Hubs SDK types; only the network send is replaced.
/// </summary>
[Collection("Activity listeners")]
public sealed class TraceContextTests : IDisposable
{
    private static readonly ActivitySource Http = new("LiveServerless.Tests.Http");

    private readonly List<Activity> _stopped = [];

    private readonly ActivityListener _listener;

    public TraceContextTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is Telemetry.ActivitySourceName or "LiveServerless.Tests.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_stopped)
                {
                    _stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task TheProcessingSpan_IsAChildOfThePublishingSpanCarriedInTheMessage()
    {
        var producer = new CapturingProducer();
        var publisher = new InteractionPublisher(producer);

        Activity request;
        using (request = Http.StartActivity("POST /api/rooms/{roomId}/interactions", ActivityKind.Server)!)
        {
            await publisher.PublishAsync([Interaction("user-1")], CancellationToken.None);
        }

        var published = Assert.Single(_stopped, a => a.OperationName == "publish interactions");
        Assert.Equal(request.SpanId, published.ParentSpanId);

        var sent = Assert.Single(producer.Sent);
        Assert.Equal(published.Id, sent.Properties[InteractionTrace.TraceParentProperty]);

        using var processing = InteractionTrace.StartProcessing([sent], "0");
        Assert.NotNull(processing);
        Assert.Equal(ActivityKind.Consumer, processing.Kind);
        Assert.Equal(request.TraceId, processing.TraceId);
        Assert.Equal(published.SpanId, processing.ParentSpanId);
    }

    [Fact]
    public void ABatch_ContinuesItsFirstEventsTrace_AndLinksTheOthers()
    {
        var first = WithTraceParent(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        var second = WithTraceParent(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());

        using var processing = InteractionTrace.StartProcessing([first.Event, second.Event], "3");

        Assert.NotNull(processing);
        Assert.Equal(first.TraceId, processing.TraceId);
        Assert.Equal(first.SpanId, processing.ParentSpanId);
        var link = Assert.Single(processing.Links);
        Assert.Equal(second.TraceId, link.Context.TraceId);
        Assert.Equal(second.SpanId, link.Context.SpanId);
    }

    [Fact]
    public void TheEventHubsSdksOwnDiagnosticId_IsUnderstoodToo()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        var eventData = new EventData("{}");
        eventData.Properties[InteractionTrace.DiagnosticIdProperty] = $"00-{traceId}-{spanId}-01";

        var context = InteractionTrace.Extract(eventData);

        Assert.Equal(traceId, context?.TraceId);
        Assert.Equal(spanId, context?.SpanId);
    }

    [Fact]
    public void AnEventWithoutTraceContext_StartsANewTrace()
    {
        using var processing = InteractionTrace.StartProcessing([new EventData("{}")], "0");

        Assert.NotNull(processing);
        Assert.Null(processing.ParentId);
    }

    private static (EventData Event, ActivityTraceId TraceId, ActivitySpanId SpanId) WithTraceParent(ActivityTraceId traceId, ActivitySpanId spanId)
    {
        var eventData = new EventData("{}");
        eventData.Properties[InteractionTrace.TraceParentProperty] = $"00-{traceId}-{spanId}-01";
        return (eventData, traceId, spanId);
    }

    private static Interaction Interaction(string userId) => new()
    {
        Id = Guid.NewGuid().ToString("n"),
        TenantId = "tenant-1",
        UserId = userId,
        RoomId = "room-1",
        Type = InteractionType.Like,
        OccurredAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>The real producer client's batching, without a network: batches are built by the SDK's model factory.</summary>
    private sealed class CapturingProducer : EventHubProducerClient
    {
        private readonly List<EventData> _pending = [];

        public List<EventData> Sent { get; } = [];

        public override ValueTask<EventDataBatch> CreateBatchAsync(CreateBatchOptions options, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(EventHubsModelFactory.EventDataBatch(1024 * 1024, _pending, options));

        public override Task SendAsync(EventDataBatch eventBatch, CancellationToken cancellationToken = default)
        {
            Sent.AddRange(_pending);
            _pending.Clear();
            return Task.CompletedTask;
        }
    }
}
