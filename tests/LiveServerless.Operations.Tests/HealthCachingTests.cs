using LiveServerless.Functions.Health;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveServerless.Operations.Tests;

public sealed class HealthCachingTests
{
    [Fact]
    public async Task ABurstOfHealthChecks_CallsEachDependencyOnce()
    {
        var tables = new CountingProbe("tables");
        var cosmos = new CountingProbe("cosmos");
        var health = new HealthService([tables, cosmos], new FakeTimeProvider(), NullLogger<HealthService>.Instance);

        var reports = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => health.CheckAsync(CancellationToken.None)));

        Assert.All(reports, report => Assert.True(report.IsHealthy));
        Assert.Equal(1, tables.Calls);
        Assert.Equal(1, cosmos.Calls);
    }

    [Fact]
    public async Task ConcurrentChecks_ShareTheProbeInFlight()
    {
        var slow = new CountingProbe("eventHubs") { Gate = new TaskCompletionSource() };
        var health = new HealthService([slow], new FakeTimeProvider(), NullLogger<HealthService>.Instance);

        var first = health.CheckAsync(CancellationToken.None);
        var second = health.CheckAsync(CancellationToken.None);
        slow.Gate.SetResult();

        Assert.Same(await first, await second);
        Assert.Equal(1, slow.Calls);
    }

    [Fact]
    public async Task AReport_IsRefreshed_OnceTheCacheDurationHasPassed()
    {
        var time = new FakeTimeProvider();
        var probe = new CountingProbe("tables");
        var health = new HealthService([probe], time, NullLogger<HealthService>.Instance);

        await health.CheckAsync(CancellationToken.None);
        time.Advance(HealthService.CacheDuration - TimeSpan.FromMilliseconds(1));
        await health.CheckAsync(CancellationToken.None);
        Assert.Equal(1, probe.Calls);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await health.CheckAsync(CancellationToken.None);
        Assert.Equal(2, probe.Calls);
    }

    [Fact]
    public async Task AFailingDependency_IsReportedUnhealthyByName()
    {
        var health = new HealthService([new CountingProbe("tables"), new CountingProbe("cosmos") { Fails = true }], new FakeTimeProvider(), NullLogger<HealthService>.Instance);

        var report = await health.CheckAsync(CancellationToken.None);

        Assert.False(report.IsHealthy);
        Assert.Equal(HealthService.Unhealthy, Assert.Single(report.Dependencies, d => d.Name == "cosmos").Status);
        Assert.Equal(HealthService.Healthy, Assert.Single(report.Dependencies, d => d.Name == "tables").Status);
    }

    [Fact]
    public async Task Readiness_ReportsTheFailingDependencies()
    {
        var health = new HealthService([new CountingProbe("signalR") { Fails = true }], new FakeTimeProvider(), NullLogger<HealthService>.Instance);

        var result = await new DependenciesHealthCheck(health).CheckHealthAsync(new());

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, result.Status);
        Assert.Contains("signalR", result.Description, StringComparison.Ordinal);
    }

    private sealed class CountingProbe(string name) : IHealthProbe
    {
        private int _calls;

        public string Name => name;

        public int Calls => _calls;

        public bool Fails { get; init; }

        public TaskCompletionSource? Gate { get; init; }

        public async Task ProbeAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            if (Gate is not null)
            {
                await Gate.Task;
            }

            if (Fails)
            {
                throw new HttpRequestException("refused");
            }
        }
    }
}
