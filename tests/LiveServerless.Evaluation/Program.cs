using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using LiveServerless.Domain.Recommendations;
using LiveServerless.Evaluation;

// Offline evaluation: docs/recommendations.md explains the data set, the task and the results.
EvaluationSettings settings;
try
{
    settings = EvaluationSettings.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(EvaluationSettings.Usage);
    return 2;
}

var clock = Stopwatch.StartNew();
var rng = new Rng(settings.Seed);
var world = World.Generate(settings, rng);
var log = new Simulator(world, rng).Run();
var evaluator = new Evaluator(world, log, settings.Seed, Evaluator.OurVariants);
evaluator.Run();

var invariant = CultureInfo.InvariantCulture;
var tested = log.Choices.Count(c => c.Tick >= world.TestStartTick);
Console.WriteLine(string.Create(invariant, $"seed {settings.Seed} · {settings.Users} users · {settings.Hosts} hosts · {world.Rooms.Length} streams over {settings.Days} days"));
Console.WriteLine(string.Create(invariant, $"{log.EventCount} events · {log.Choices.Count} room choices · {tested} held out (last {settings.TestDays} days) · {(double)evaluator.LiveCandidates / tested:F1} rooms live per choice on average"));
Console.WriteLine();
Console.WriteLine("| Method | HR@10 | NDCG@10 | HR@10 repeat host | HR@10 new host | HR@10 first session |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var (method, tally) in evaluator.Scoreboard.Rows)
{
    Console.WriteLine(string.Create(invariant,
        $"| {method} | {tally.All.HitRate:F3} | {tally.All.Ndcg:F3} | {tally.Repeat.HitRate:F3} | {tally.Discovery.HitRate:F3} | {tally.FirstSession.HitRate:F3} |"));
}

var first = evaluator.Scoreboard.Rows.First().Tally;
Console.WriteLine();
Console.WriteLine(string.Create(invariant, $"held-out choices: {first.Repeat.Count} of a host seen before, {first.Discovery.Count} of a new host, {first.FirstSession.Count} first sessions"));
Console.WriteLine(string.Create(invariant, $"recommender: {evaluator.RecommendTime.TotalMicroseconds / evaluator.RecommendCalls:F0} µs per call on the live set; {ThousandCandidateMicroseconds(world, evaluator):F0} µs per call with 1,000 candidates"));
Console.WriteLine(string.Create(invariant, $"stored JSON: profiles {SizeKb(evaluator.Ours.Profiles)}, host co-engagement documents {SizeKb(evaluator.Ours.HostDocuments)}"));
Console.WriteLine(string.Create(invariant, $"run: {clock.Elapsed.TotalSeconds:F1} s on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
return 0;

static string SizeKb<T>(IEnumerable<T> documents)
{
    var sizes = documents.Select(d => JsonSerializer.SerializeToUtf8Bytes(d, JsonSerializerOptions.Web).Length / 1024.0).ToArray();
    return string.Create(CultureInfo.InvariantCulture, $"mean {sizes.Average():F1} KB, max {sizes.Max():F1} KB");
}

// Cost on a large live set: 1,000 candidates (the streams of the last days, relabelled as live) for real profiles.
static double ThousandCandidateMicroseconds(World world, Evaluator evaluator)
{
    var now = World.TimeOf(world.TotalTicks);
    var candidates = Enumerable.Range(0, 1000)
        .Select(i => Evaluator.Candidate(world.Rooms[world.Rooms.Length - 1 - (i % world.Rooms.Length)], i % 50) with { RoomId = $"big-{i}", StartedAt = now.AddMinutes(-i % 240) })
        .ToArray();
    var users = world.Users.Take(200).ToArray();
    foreach (var user in users.Take(20))
    {
        evaluator.Ours.Recommend(user, now, candidates, RecommenderOptions.Default);
    }

    var clock = Stopwatch.StartNew();
    foreach (var user in users)
    {
        evaluator.Ours.Recommend(user, now, candidates, RecommenderOptions.Default);
    }

    return clock.Elapsed.TotalMicroseconds / users.Length;
}
