using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Operations;

/// <summary>
/// In Development, one log line a minute with the stream's and the pushes' vital signs (events/s, lag, dead letters, pushes/s),
/// read from the app's own meters, instead of a line per call. In Azure the meters go to Azure Monitor and this stays silent.
/// </summary>
public sealed partial class MeterSummary(IHostEnvironment environment, IMeterFactory meters, TimeProvider time, ILogger<MeterSummary> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        using var totals = new MeterTotals(meters);
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                LogSummary(totals.TakeSummary(Interval).ToString());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Last minute: {Summary}")]
    private partial void LogSummary(string summary);
}

/// <summary>What one interval of the app's meters adds up to.</summary>
public sealed record MeterSummaryLine(double EventsPerSecond, long MaxLag, long DeadLetters, double PushesPerSecond, long PushFailures)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{EventsPerSecond:0.#} events/s, lag {MaxLag}, {DeadLetters} dead letters, {PushesPerSecond:0.#} pushes/s, {PushFailures} push failures");
}

/// <summary>
/// Listens to the app's meters created by one meter factory (the app's container: meters are per container, and a test host or a
/// second app in the process has its own): sums the counters and keeps the gauges' latest values between two summaries.
/// </summary>
public sealed class MeterTotals : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _sums = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, long> _lagByPartition = new(StringComparer.Ordinal);

    private readonly MeterListener _listener;

    public MeterTotals(IMeterFactory meters)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == Telemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    public void Record(string instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument == "liveserverless.stream.lag")
        {
            var partition = "";
            foreach (var tag in tags)
            {
                if (tag.Key == "partition")
                {
                    partition = tag.Value?.ToString() ?? "";
                }
            }

            _lagByPartition[partition] = value;
            return;
        }

        _sums.AddOrUpdate(instrument, value, (_, total) => total + value);
    }

    /// <summary>The interval's totals; counters start again from zero.</summary>
    public MeterSummaryLine TakeSummary(TimeSpan interval)
    {
        long Take(string name) => _sums.TryRemove(name, out var total) ? total : 0;

        // Gauges are observed on demand: read the lag now.
        _listener.RecordObservableInstruments();

        var seconds = Math.Max(1, interval.TotalSeconds);
        return new MeterSummaryLine(
            Take("liveserverless.stream.events") / seconds,
            _lagByPartition.IsEmpty ? 0 : _lagByPartition.Values.Max(),
            Take("liveserverless.stream.dead_letters"),
            Take("liveserverless.realtime.pushes") / seconds,
            Take("liveserverless.realtime.push_failures"));
    }
}
