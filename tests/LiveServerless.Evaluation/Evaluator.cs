using System.Diagnostics;
using LiveServerless.Domain.Recommendations;

namespace LiveServerless.Evaluation;

/// <summary>
/// Next-room prediction, in time order. The stream is replayed tick by tick; at each held-out choice (a session start in the test
/// days) every method ranks the rooms live at that moment, having seen exactly the events before it, and the chosen room's rank is
/// scored. Every method learns online from the same stream; item-kNN's similarities come from the training days only.
/// </summary>
public sealed class Evaluator(World world, SimulatedLog log, int seed, IReadOnlyList<(string Name, RecommenderOptions Options)> ourVariants)
{
    /// <summary>Ours with its defaults, then with one signal group switched off at a time (ablations).</summary>
    public static readonly (string Name, RecommenderOptions Options)[] OurVariants =
    [
        ("**ours**", RecommenderOptions.Default),
        ("ours without diversity (λ = 1)", RecommenderOptions.Default with { MmrLambda = 1 }),
        ("ours without co-engagement", RecommenderOptions.Default with { CoEngagementWeight = 0 }),
        ("ours without repeat (followed, watched hosts)", RecommenderOptions.Default with { FollowedHostWeight = 0, WatchedHostWeight = 0 }),
        ("ours without content (tags, category)", RecommenderOptions.Default with { TagMatchWeight = 0, CategoryMatchWeight = 0 }),
        ("ours without trending", RecommenderOptions.Default with { TrendingWeight = 0 }),
    ];

    public Scoreboard Scoreboard { get; } = new();

    public TimeSpan RecommendTime { get; private set; }

    public int RecommendCalls { get; private set; }

    public long LiveCandidates { get; private set; }

    public OursModel Ours { get; } = new(world.Users.ToDictionary(u => u.Id, StringComparer.Ordinal));

    public void Run()
    {
        var stats = new RoomStats();
        var history = new ViewingHistory();
        var random = new Rng(seed ^ 0x5eed);
        HostCosine? cosine = null;
        var choicesByTick = log.Choices.Where(c => c.Tick >= world.TestStartTick).ToLookup(c => c.Tick);
        var live = new List<SimRoom>();
        var nextRoom = 0;
        for (var tick = 0; tick < world.TotalTicks; tick++)
        {
            live.RemoveAll(room => room.EndTick <= tick);
            while (nextRoom < world.Rooms.Length && world.Rooms[nextRoom].StartTick <= tick)
            {
                live.Add(world.Rooms[nextRoom++]);
            }

            if (choicesByTick.Contains(tick))
            {
                var now = World.TimeOf(tick);
                var candidates = live.Select(room => Candidate(room, stats.HeatOf(room.Id, now))).ToArray();
                cosine ??= new HostCosine(history.AllUsers);
                foreach (var choice in choicesByTick[tick])
                {
                    Predict(choice, now, candidates, history, cosine, random);
                }
            }

            foreach (var partitionBatch in log.EventsByTick[tick].GroupBy(e => e.PartitionId, StringComparer.Ordinal))
            {
                var batch = partitionBatch.ToArray();
                Ours.Observe(batch);
                stats.Observe(batch);
                history.Observe(batch);
            }
        }
    }

    private void Predict(Choice choice, DateTimeOffset now, LiveRoomCandidate[] candidates, ViewingHistory history, HostCosine cosine, Rng random)
    {
        LiveCandidates += candidates.Length;
        foreach (var (name, options) in ourVariants)
        {
            var clock = Stopwatch.StartNew();
            var list = Ours.Recommend(choice.User, now, candidates, options with { MaxItems = Scoreboard.K });
            if (ReferenceEquals(options, ourVariants[0].Options))
            {
                RecommendTime += clock.Elapsed;
                RecommendCalls++;
            }

            Scoreboard.Record(name, choice, list.Select(r => r.RoomId));
        }

        var userHosts = history.HostsOf(choice.User.Id);
        Scoreboard.Record("popularity (heat)", choice, Ranked(candidates, _ => 0));
        Scoreboard.Record("most-watched host (repeat)", choice, Ranked(candidates, c => userHosts.GetValueOrDefault(c.HostUserId)));
        Scoreboard.Record("item-kNN (host cosine)", choice, Ranked(candidates, c => cosine.Score(userHosts, c.HostUserId)));
        Scoreboard.Record("random", choice, candidates.OrderBy(_ => random.Uniform()).Select(c => c.RoomId));
    }

    /// <summary>Baselines rank by their score, then by heat: a baseline with nothing to say about a room falls back to popularity, as deployed ones do.</summary>
    private static IEnumerable<string> Ranked(LiveRoomCandidate[] candidates, Func<LiveRoomCandidate, double> score) =>
        candidates.OrderByDescending(score).ThenByDescending(c => c.Heat).ThenBy(c => c.RoomId, StringComparer.Ordinal).Select(c => c.RoomId);

    public static LiveRoomCandidate Candidate(SimRoom room, double heat) =>
        new(room.Id, $"{room.Host.Id} live", room.Host.Id, room.Host.Category, room.Host.Tags, World.TimeOf(room.StartTick), heat);
}
