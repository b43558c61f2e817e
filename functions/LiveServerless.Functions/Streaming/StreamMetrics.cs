using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace LiveServerless.Functions.Streaming;

/// <summary>
/// Counters of the stream processor: events and batches processed (rates give events/s), batch sizes, dead letters,
/// dropped client duplicates, and per-partition lag (events enqueued but not yet processed).
/// </summary>
public sealed class StreamMetrics
{
    private readonly ConcurrentDictionary<string, long> _lag = new(StringComparer.Ordinal);

    private readonly Counter<long> _events;

    private readonly Counter<long> _batches;

    private readonly Histogram<int> _batchSize;

    private readonly Counter<long> _deadLetters;

    private readonly Counter<long> _duplicates;

    public StreamMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterName);
        _events = meter.CreateCounter<long>("liveserverless.stream.events", description: "Interactions processed");
        _batches = meter.CreateCounter<long>("liveserverless.stream.batches", description: "Batches processed");
        _batchSize = meter.CreateHistogram<int>("liveserverless.stream.batch_size", description: "Events per batch");
        _deadLetters = meter.CreateCounter<long>("liveserverless.stream.dead_letters", description: "Events given up on");
        _duplicates = meter.CreateCounter<long>("liveserverless.stream.client_duplicates", description: "Client retries dropped");
        meter.CreateObservableGauge("liveserverless.stream.lag", () => _lag.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("partition", p.Key))),
            description: "Events enqueued but not yet processed, per partition");
    }

    public long EventsProcessed { get; private set; }

    public long DeadLetters { get; private set; }

    /// <summary>The largest lag among the partitions this instance has processed (0 before the first batch).</summary>
    public long MaxLag => _lag.IsEmpty ? 0 : _lag.Values.Max();

    public void BatchProcessed(string partitionId, int events, long? lag)
    {
        EventsProcessed += events;
        _events.Add(events);
        _batches.Add(1);
        _batchSize.Record(events);
        if (lag is { } value)
        {
            _lag[partitionId] = Math.Max(0, value);
        }
    }

    public void DeadLettered(string partitionId)
    {
        DeadLetters++;
        _deadLetters.Add(1, new KeyValuePair<string, object?>("partition", partitionId));
    }

    public void DuplicatesDropped(int count) => _duplicates.Add(count);
}
