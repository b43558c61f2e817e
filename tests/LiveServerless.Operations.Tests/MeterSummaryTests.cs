using System.Diagnostics.Metrics;
using LiveServerless.Functions.Operations;
using LiveServerless.Functions.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Operations.Tests;

public sealed class MeterSummaryTests
{
    [Fact]
    public void AMinuteOfTheAppsMeters_AddsUpToOneLine()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var totals = new MeterTotals(meters);
        var stream = new StreamMetrics(meters);
        var pushes = meters.Create(LiveServerless.Functions.Telemetry.MeterName).CreateCounter<long>("liveserverless.realtime.pushes");

        stream.BatchProcessed("0", 90, lag: 12);
        stream.BatchProcessed("1", 30, lag: 40);
        stream.DeadLettered("1");
        pushes.Add(30);

        var line = totals.TakeSummary(TimeSpan.FromMinutes(1));

        Assert.Equal(new MeterSummaryLine(2, 40, 1, 0.5, 0), line);
        Assert.Equal("2 events/s, lag 40, 1 dead letters, 0.5 pushes/s, 0 push failures", line.ToString());
    }

    [Fact]
    public void MetersOfAnotherContainer_AreNotCounted()
    {
        using var app = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var totals = new MeterTotals(app.GetRequiredService<IMeterFactory>());

        new StreamMetrics(other.GetRequiredService<IMeterFactory>()).BatchProcessed("0", 600, lag: 99);

        Assert.Equal(new MeterSummaryLine(0, 0, 0, 0, 0), totals.TakeSummary(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Counters_StartAgainFromZero_AfterEachSummaryAndTheLagStaysCurrent()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var totals = new MeterTotals(meters);
        var stream = new StreamMetrics(meters);
        stream.BatchProcessed("0", 60, lag: 5);
        totals.TakeSummary(TimeSpan.FromMinutes(1));

        var next = totals.TakeSummary(TimeSpan.FromMinutes(1));

        Assert.Equal(0, next.EventsPerSecond);
        Assert.Equal(5, next.MaxLag);
    }
}
