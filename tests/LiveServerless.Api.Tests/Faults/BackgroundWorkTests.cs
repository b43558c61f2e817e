using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Api.Tests.Stream;
using LiveServerless.Functions;
using LiveServerless.Functions.Recommendations;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveServerless.Api.Tests.Faults;

/// <summary>Background work never stops the worker, and a read shared between requests belongs to none of them.</summary>
[Collection(DevHostCollection.Name)]
public sealed class BackgroundWorkTests(DevHostFixture fixture)
{
    [Fact]
    public async Task APeriodicWorkerWhoseRoundsThrow_LogsBacksOffAndGoesOn()
    {
        using var stopping = new CancellationTokenSource();
        var worker = new FlakyWorker(failures: 3);
        await worker.StartAsync(stopping.Token);

        await worker.Succeeded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(worker.Rounds >= 4);
        await worker.StopAsync(CancellationToken.None);
        Assert.NotNull(worker.ExecuteTask);
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task OneCallersCancellation_DoesNotPoisonTheSharedLiveRoomRead()
    {
        var tenant = await fixture.NewTenantAsync();
        var host = await tenant.CreateUserAsync("host", role: "host");
        var roomId = await tenant.CreateRoomAsync(host);
        await tenant.StartRoomAsync(roomId);
        await using var app = new ProcessorHarness(fixture, "faults-cosmos", "tests");
        var candidates = app.Get<LiveRoomCandidates>();

        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => candidates.GetAsync(tenant.Id, aborted.Token));

        var live = await candidates.GetAsync(tenant.Id, CancellationToken.None);
        Assert.Equal([roomId], live.Select(c => c.RoomId));
    }

    private sealed class FlakyWorker(int failures) : PeriodicWorker(TimeProvider.System, NullLogger.Instance)
    {
        private int _rounds;

        public TaskCompletionSource Succeeded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Rounds => Volatile.Read(ref _rounds);

        protected override TimeSpan Interval => TimeSpan.FromMilliseconds(10);

        protected override Task RunOnceAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _rounds) <= failures)
            {
                throw new InvalidOperationException("a round that fails");
            }

            Succeeded.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
