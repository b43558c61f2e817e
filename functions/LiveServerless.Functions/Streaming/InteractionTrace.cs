using System.Diagnostics;
using Azure.Messaging.EventHubs;

namespace LiveServerless.Functions.Streaming;

/// <summary>
/// Carries the trace context from the HTTP request that published an interaction to the processor that applies it, inside
/// the Event Hubs message (application property <c>traceparent</c>, W3C format; the Event Hubs SDK's own <c>Diagnostic-Id</c> is
/// read too). The processing span of a batch is a child of its first event's producer span and links every other event's,
/// so a request's trace continues into Cosmos DB and SignalR calls made for its events.
/// </summary>
public static class InteractionTrace
{
    public const string TraceParentProperty = "traceparent";

    public const string DiagnosticIdProperty = "Diagnostic-Id";

    public static Activity? StartPublishing(int count)
    {
        var activity = Telemetry.Source.StartActivity("publish interactions", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "eventhubs");
        activity?.SetTag("messaging.batch.message_count", count);
        return activity;
    }

    /// <summary>Stamps the current span's context on the event, unless the SDK already did.</summary>
    public static void Inject(EventData eventData)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current && !eventData.Properties.ContainsKey(TraceParentProperty))
        {
            eventData.Properties[TraceParentProperty] = current.Id;
        }
    }

    public static ActivityContext? Extract(EventData eventData)
    {
        foreach (var property in (string[])[TraceParentProperty, DiagnosticIdProperty])
        {
            if (eventData.Properties.TryGetValue(property, out var value)
                && value is string traceParent
                && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context))
            {
                return context;
            }
        }

        return null;
    }

    public static Activity? StartProcessing(IReadOnlyList<EventData> events, string partitionId)
    {
        var contexts = events.Select(Extract).OfType<ActivityContext>().ToList();
        var parent = contexts.Count > 0 ? contexts[0] : default;
        var links = contexts.Skip(1).Select(context => new ActivityLink(context));
        var activity = Telemetry.Source.StartActivity("process interactions", ActivityKind.Consumer, parent, links: links);
        activity?.SetTag("messaging.system", "eventhubs");
        activity?.SetTag("messaging.destination.partition.id", partitionId);
        activity?.SetTag("messaging.batch.message_count", events.Count);
        return activity;
    }
}
