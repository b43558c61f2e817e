using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Producer;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.DevHost.Local;
using LiveServerless.Domain.Economy;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.RoomStats;
using LiveServerless.Functions.Economy;
using LiveServerless.Functions.Streaming;
using Microsoft.Extensions.Time.Testing;

namespace LiveServerless.Api.Tests.Stream;

/// <summary>
/// The stream processor against the real Event Hubs SDK and our emulator: exact totals over thousands of events, crashes
/// without checkpoints, instances sharing partitions, per-user order, poison events, and whole-stream replays.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class ProcessorTests(DevHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ThousandsOfEvents_FromManyUsers_OverEveryPartition_AddUpExactly()
    {
        await using var app = new ProcessorHarness(fixture, "proc-exact", Database());
        var workload = Workload.Generate(tenantId: Tenant(), rooms: 5, users: 60, events: 3000, seed: 1);
        await app.StartProcessorAsync("instance-a");

        await PublishAsync(app, workload.Events);

        await workload.AssertExactAsync(app, Patience);
        Assert.Equal(0, app.Metrics.DeadLetters);
    }

    [Fact]
    public async Task AProcessorThatDiesMidStream_WithoutCheckpointing_IsReplacedWithoutLossOrDoubleCounting()
    {
        var database = Database();
        var crash = new CrashAfterHandler(eventsBeforeCrash: 700);
        var workload = Workload.Generate(Tenant(), rooms: 4, users: 40, events: 2000, seed: 2);
        await using (var doomed = new ProcessorHarness(fixture, "proc-crash", database, [crash]))
        {
            var processor = await doomed.StartProcessorAsync("doomed");
            await PublishAsync(doomed, workload.Events);
            await crash.Crashed.WaitAsync(Patience);

            // Room statistics of the crashing batches were written, their checkpoints were not: the worst case for double counting.
            await processor.StopProcessingAsync();
        }

        await using var successor = new ProcessorHarness(fixture, "proc-crash", database);
        await successor.StartProcessorAsync("successor");
        await workload.AssertExactAsync(successor, Patience);
    }

    [Fact]
    public async Task TwoInstances_SharePartitions_AndTheTotalsStayExact()
    {
        var database = Database();
        var seenByA = new RecordingHandler();
        var seenByB = new RecordingHandler();
        await using var a = new ProcessorHarness(fixture, "proc-shared", database, [seenByA]);
        await using var b = new ProcessorHarness(fixture, "proc-shared", database, [seenByB]);
        await a.StartProcessorAsync("instance-a");
        await b.StartProcessorAsync("instance-b");
        await Eventually.MatchesAsync(() => OwnersAsync(a, "proc-shared"), owners => owners == "instance-a×2, instance-b×2", "The balanced split of the 4 partitions");

        var workload = Workload.Generate(Tenant(), rooms: 4, users: 80, events: 2000, seed: 3);
        await PublishAsync(a, workload.Events);

        await workload.AssertExactAsync(a, Patience);
        Assert.NotEmpty(seenByA.Partitions);
        Assert.NotEmpty(seenByB.Partitions);
        Assert.Empty(seenByA.Partitions.Intersect(seenByB.Partitions));
    }

    [Fact]
    public async Task EachUsersEvents_AreHandledInTheOrderTheyWerePublished()
    {
        var recorder = new RecordingHandler();
        await using var app = new ProcessorHarness(fixture, "proc-order", Database(), [recorder]);
        await app.StartProcessorAsync("ordered");
        var tenantId = Tenant();
        var users = Enumerable.Range(0, 20).Select(i => $"user-{i}").ToArray();
        var events = Enumerable.Range(1, 50)
            .SelectMany(step => users.Select(user => ProcessorHarness.Event(tenantId, "room", user, InteractionType.Watch, seconds: step)))
            .ToArray();

        foreach (var chunk in events.Chunk(100))
        {
            await app.Publisher.PublishAsync(chunk, CancellationToken.None);
        }

        await Holds(() => recorder.Events.Count(e => e.Interaction.TenantId == tenantId) == events.Length);
        foreach (var user in users)
        {
            var seconds = recorder.Events.Where(e => e.Interaction.TenantId == tenantId && e.Interaction.UserId == user).Select(e => e.Interaction.WatchSeconds);
            Assert.Equal(Enumerable.Range(1, 50), seconds);
        }
    }

    [Fact]
    public async Task OwnershipClaims_AreStampedWithTheInjectedClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var app = new ProcessorHarness(fixture, "proc-clock", Database(), clock: clock);
        var desired = new EventProcessorPartitionOwnership
        {
            FullyQualifiedNamespace = "localhost",
            EventHubName = $"proc-clock-{Guid.NewGuid():n}",
            ConsumerGroup = "tests",
            PartitionId = "0",
            OwnerIdentifier = "clocked",
        };

        var claimed = await app.Get<TableCheckpointStore>().ClaimOwnershipAsync([desired], CancellationToken.None);

        Assert.Equal(clock.GetUtcNow(), Assert.Single(claimed).LastModifiedTime);
    }

    [Fact]
    public async Task PoisonEvents_GoToTheDeadLetterTable_WithTheReason_AndTheRestAreProcessed()
    {
        var rejecting = new RejectingHandler();
        await using var app = new ProcessorHarness(fixture, "proc-poison", Database(), [rejecting]);
        var tenantId = Tenant();
        var good = Enumerable.Range(0, 30).Select(i => ProcessorHarness.Event(tenantId, "room", $"user-{i % 3}", InteractionType.Like, count: 2)).ToList();
        var rejected = ProcessorHarness.Event(tenantId, "room", "user-1", InteractionType.Like, count: 1000) with { Id = RejectingHandler.PoisonId };
        good.Insert(15, rejected);
        await using (var producer = new EventHubProducerClient(fixture.EventHubsConnectionString, "proc-poison"))
        {
            await producer.SendAsync([new EventData("this is not an interaction"u8.ToArray())], new SendEventOptions { PartitionKey = $"{tenantId}:user-1" });
        }

        await app.Publisher.PublishAsync(good, CancellationToken.None);
        await app.StartProcessorAsync("careful");

        await Holds(() => rejecting.Accepted.Count == 30);
        await Holds(() => app.Metrics.DeadLetters == 2);
        var scope = TableCheckpointStore.Scope("localhost", "proc-poison", "tests");
        var letters = new List<DeadLetter>();
        foreach (var partition in new[] { "0", "1", "2", "3" })
        {
            letters.AddRange(await app.DeadLetters.ListAsync(scope, partition, CancellationToken.None));
        }

        Assert.Contains(letters, l => l.Body.Contains("this is not an interaction", StringComparison.Ordinal) && l.Reason.Contains("not an interaction", StringComparison.Ordinal));
        Assert.Contains(letters, l => l.Body.Contains(RejectingHandler.PoisonId, StringComparison.Ordinal) && l.Reason.Contains("handler 'rejecting'", StringComparison.Ordinal));

        // Handlers before the failing one applied the event (exactly once); the failing handler saw every other event.
        Assert.Equal(1060, (await app.Stats.GetAsync(tenantId, "room", CancellationToken.None)).Likes);
        Assert.DoesNotContain(RejectingHandler.PoisonId, rejecting.Accepted.Keys);
    }

    [Fact]
    public async Task ReplayingTheWholeStream_FromTheStart_ChangesNothing()
    {
        var database = Database();
        var workload = Workload.Generate(Tenant(), rooms: 3, users: 30, events: 900, seed: 4);
        await using (var first = new ProcessorHarness(fixture, "proc-exact", database))
        {
            await first.StartProcessorAsync("first");
            await PublishAsync(first, workload.Events);
            await workload.AssertExactAsync(first, Patience);
        }

        await using var replay = new ProcessorHarness(fixture, "proc-exact", database);
        // Forget every checkpoint of the scope, as DevHost's --reset does, so the processor starts again from the beginning.
        await new StreamCheckpointRows(replay.Get<TableServiceClient>(), TableCheckpointStore.Scope("localhost", "proc-exact", "tests")).ReplaceAsync(rows: null, CancellationToken.None);
        var processor = await replay.StartProcessorAsync("replayer");
        await Holds(() => replay.Metrics.EventsProcessed >= workload.Events.Count);

        await workload.AssertExactAsync(replay, TimeSpan.FromSeconds(5));
    }

    private static string Tenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static string Database() => "proc" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Who owns the hub's partitions, as the processors' shared checkpoint store records it ("instance-a×2, instance-b×2").</summary>
    private static async Task<string> OwnersAsync(ProcessorHarness app, string hub)
    {
        var owned = await app.Get<TableCheckpointStore>().ListOwnershipAsync(
            app.Get<EventHubProducerClient>().FullyQualifiedNamespace, hub, "tests", CancellationToken.None);
        return string.Join(", ", owned.Where(o => o.OwnerIdentifier is { Length: > 0 }).GroupBy(o => o.OwnerIdentifier).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}×{g.Count()}"));
    }

    private static async Task PublishAsync(ProcessorHarness app, IReadOnlyList<Interaction> events)
    {
        foreach (var chunk in events.Chunk(250))
        {
            await app.Publisher.PublishAsync(chunk, CancellationToken.None);
        }
    }

    private static Task Holds(Func<bool> condition) =>
        Eventually.HoldsAsync(() => Task.FromResult(condition()), "The processor's state", Patience);

    /// <summary>A generated stream with known totals per room.</summary>
    private sealed record Workload(string TenantId, IReadOnlyList<Interaction> Events)
    {
        public static Workload Generate(string tenantId, int rooms, int users, int events, int seed)
        {
            var random = new Random(seed);
            var generated = Enumerable.Range(0, events).Select(_ =>
            {
                var room = $"room-{random.Next(rooms)}";
                var user = $"user-{random.Next(users)}";
                return random.Next(5) switch
                {
                    0 => ProcessorHarness.Event(tenantId, room, user, InteractionType.Like, count: random.Next(1, 50)),
                    1 => ProcessorHarness.Event(tenantId, room, user, InteractionType.Gift, count: random.Next(1, 4), unitValue: random.Next(1, 500)),
                    2 => ProcessorHarness.Event(tenantId, room, user, InteractionType.Share),
                    3 => ProcessorHarness.Event(tenantId, room, user, InteractionType.Watch, seconds: random.Next(1, 120)),
                    _ => ProcessorHarness.Event(tenantId, room, user, InteractionType.Chat),
                };
            }).ToArray();
            return new Workload(tenantId, generated);
        }

        public async Task AssertExactAsync(ProcessorHarness app, TimeSpan patience)
        {
            var deadline = DateTime.UtcNow + patience;
            foreach (var room in Events.GroupBy(e => e.RoomId))
            {
                var expected = Expected(room);
                var remaining = deadline - DateTime.UtcNow;
                var actual = await Eventually.MatchesAsync(
                    () => app.Stats.GetAsync(TenantId, room.Key, CancellationToken.None),
                    s => Totals(s) == expected,
                    $"Room {room.Key} adding up to {expected}",
                    remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);

                Assert.Equal(expected, Totals(actual));
                Assert.Equal(room.Select(e => e.UserId).Distinct().Count(), actual.Viewers.Count);
            }

            // Each room's host earned the share of exactly the gifts of their room: no earning lost or doubled by crashes and replays.
            var wallets = app.Get<WalletStore>();
            foreach (var host in Events.Where(e => e.Type == InteractionType.Gift).GroupBy(e => e.HostUserId!))
            {
                var expected = host.Sum(Earnings.HostShareOf);
                var earned = await Eventually.MatchesAsync(() => wallets.GetAsync(TenantId, host.Key, CancellationToken.None), w => w.Earnings == expected || DateTime.UtcNow > deadline);
                Assert.Equal(expected, earned.Earnings);
            }
        }

        private static (long Likes, long Gifts, decimal Value, long Shares, long Watch, long Messages) Expected(IEnumerable<Interaction> events)
        {
            var all = events.ToArray();
            return (
                all.Where(e => e.Type == InteractionType.Like).Sum(e => (long)e.Count),
                all.Where(e => e.Type == InteractionType.Gift).Sum(e => (long)e.Count),
                all.Sum(e => e.GiftValue),
                all.Count(e => e.Type == InteractionType.Share),
                all.Sum(e => (long)e.WatchSeconds),
                all.Count(e => e.Type == InteractionType.Chat));
        }

        private static (long Likes, long Gifts, decimal Value, long Shares, long Watch, long Messages) Totals(RoomStatistics s) =>
            (s.Likes, s.GiftCount, s.GiftValue, s.Shares, s.WatchSeconds, s.Messages);
    }

    /// <summary>Lets the app's handlers write, then fails every batch after a number of events: an instance that stopped checkpointing.</summary>
    private sealed class CrashAfterHandler(int eventsBeforeCrash) : IInteractionBatchHandler
    {
        private readonly TaskCompletionSource _crashed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private int _seen;

        public string Name => "crash";

        public Task Crashed => _crashed.Task;

        public Task HandleAsync(InteractionBatch batch, CancellationToken cancellationToken)
        {
            if (Interlocked.Add(ref _seen, batch.Events.Count) <= eventsBeforeCrash)
            {
                return Task.CompletedTask;
            }

            _crashed.TrySetResult();
            throw new TimeoutException("Simulated crash: this instance never finishes the batch.");
        }
    }

    private sealed class RecordingHandler : IInteractionBatchHandler
    {
        public ConcurrentQueue<StreamedInteraction> Events { get; } = new();

        public ConcurrentDictionary<string, byte> SeenPartitions { get; } = new();

        public IEnumerable<string> Partitions => SeenPartitions.Keys;

        public string Name => "recording";

        public Task HandleAsync(InteractionBatch batch, CancellationToken cancellationToken)
        {
            foreach (var e in batch.Events)
            {
                Events.Enqueue(e);
            }

            SeenPartitions.TryAdd(batch.PartitionId, 0);
            return Task.CompletedTask;
        }
    }

    /// <summary>Refuses one event for good and records every other event it handled.</summary>
    private sealed class RejectingHandler : IInteractionBatchHandler
    {
        public const string PoisonId = "poison-event-0000000000000000001";

        public ConcurrentDictionary<string, byte> Accepted { get; } = new();

        public string Name => "rejecting";

        public Task HandleAsync(InteractionBatch batch, CancellationToken cancellationToken)
        {
            if (batch.Events.Any(e => e.Interaction.Id == PoisonId))
            {
                throw new InvalidOperationException("This handler refuses the poison event.");
            }

            foreach (var e in batch.Events)
            {
                Accepted.TryAdd(e.Interaction.Id, 0);
            }

            return Task.CompletedTask;
        }
    }
}
