using BenchmarkDotNet.Attributes;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.RoomStats;

namespace LiveServerless.Benchmarks;

/// <summary>
/// The room-statistics handler applies a batch's events of one room in one call (and one Cosmos write). Peer: applying them one
/// by one, as a handler writing per event would (the CPU side of that; the write side is 500 writes instead of 1).
/// </summary>
[MemoryDiagnoser]
public class RoomStatsBenchmarks
{
    private StreamedInteraction[] _batch = [];

    [Params(500)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _batch = [.. Enumerable.Range(0, Events).Select(i => new StreamedInteraction(new Interaction
        {
            Id = $"e{i}",
            TenantId = "t",
            UserId = $"user-{random.Next(200)}",
            RoomId = "room",
            Type = (InteractionType)random.Next(5),
            OccurredAt = DateTimeOffset.UnixEpoch.AddSeconds(i),
            Count = random.Next(1, 10),
            UnitValue = random.Next(1, 100),
            WatchSeconds = random.Next(1, 60),
        }, "0", i))];
    }

    [Benchmark(Baseline = true, Description = "one Apply per batch (ours)")]
    public RoomStatistics ApplyBatch() => RoomStatistics.Empty("t", "room").Apply(_batch);

    [Benchmark(Description = "one Apply per event (peer)")]
    public RoomStatistics ApplyEach()
    {
        var stats = RoomStatistics.Empty("t", "room");
        foreach (var e in _batch)
        {
            stats = stats.Apply([e]);
        }

        return stats;
    }
}
