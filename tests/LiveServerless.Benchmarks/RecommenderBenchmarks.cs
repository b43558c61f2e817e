using BenchmarkDotNet.Attributes;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Profiles;
using LiveServerless.Domain.Recommendations;
using LiveServerless.Domain.Rooms;

namespace LiveServerless.Benchmarks;

/// <summary>
/// One recommendation list over N live rooms for an engaged user: the full blend with MMR diversity (ours) against the
/// popularity baseline (sort by heat), the cheapest list one could serve.
/// </summary>
[MemoryDiagnoser]
public class RecommenderBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 20, 0, 0, TimeSpan.Zero);

    private static readonly string[] TagPool = ["jazz", "rock", "gaming", "cooking", "travel", "news", "chess", "art", "fitness", "comedy"];

    private LiveRoomCandidate[] _rooms = [];

    private UserProfile _profile = null!;

    [Params(60, 1000)]
    public int LiveRooms { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _rooms = [.. Enumerable.Range(0, LiveRooms).Select(i =>
        {
            var room = Room.Create("t", new NewRoom($"room-{i}", $"host-{i % (LiveRooms / 2 + 1)}", $"Room {i}", TagPool[random.Next(TagPool.Length)], random.GetItems(TagPool, 2), null, null, null, null), Now.AddHours(-1))
                .Start(Now.AddMinutes(-random.Next(1, 120)));
            return LiveRoomCandidate.FromRoom(room, random.NextDouble() * 100);
        })];
        var events = Enumerable.Range(0, 200).Select(i => new StreamedInteraction(new Interaction
        {
            Id = $"e{i}",
            TenantId = "t",
            UserId = "u",
            RoomId = _rooms[i % _rooms.Length].RoomId,
            HostUserId = _rooms[i % _rooms.Length].HostUserId,
            RoomTags = _rooms[i % _rooms.Length].Tags,
            RoomCategory = _rooms[i % _rooms.Length].Category,
            Type = i % 4 == 0 ? InteractionType.Like : InteractionType.Watch,
            WatchSeconds = 30,
            OccurredAt = Now.AddMinutes(-200 + i),
        }, "0", i)).ToArray();
        _profile = ProfileUpdater.Apply(UserProfile.ForNewUser("u", ["jazz"], Now.AddDays(-10)), events);
    }

    [Benchmark(Baseline = true, Description = "blend + MMR (ours)")]
    public IReadOnlyList<Recommendation> Ours() =>
        Recommender.Recommend(_profile, _rooms, new Dictionary<string, HostNeighbours>(), Now, RecommenderOptions.Default);

    [Benchmark(Description = "popularity: sort by heat (peer)")]
    public LiveRoomCandidate[] Popularity() => [.. _rooms.OrderByDescending(r => r.Heat).Take(50)];
}
