using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiveServerless.Domain.Ads;

namespace LiveServerless.Simulation;

/// <summary>
/// Microseconds per decision with many active campaigns, through the index and through a scan of every campaign, on the same requests
/// and the same wallet (every campaign has budget to spare). Two pacing situations: every campaign at full throttle, where the best
/// candidates win at once, and every campaign throttled to 1-30%, where the index path must read deeper before it can stop. A sanity
/// pass checks both paths pick the same winner for every request.
/// </summary>
internal static class DecisionBenchmark
{
    private const int RequestCount = 2_000;

    public static string Run(SimulationOptions options)
    {
        var random = new Random(options.Seed);
        var now = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        var categories = Vocabulary("category", 12);
        var segments = Vocabulary("segment", 40);
        var tags = Vocabulary("tag", 300);
        var campaigns = Enumerable.Range(0, options.BenchCampaigns).Select(i => NewCampaign(random, $"c{i}", now, categories, segments, tags)).ToArray();
        var wallet = FundedWallet(campaigns, now);
        var history = campaigns.Select(_ => new CtrStats(random.Next(0, 50_000), random.Next(0, 400))).ToArray();
        var requests = Enumerable.Range(0, RequestCount).Select(_ => NewRequest(random, categories, segments, tags)).ToArray();
        var throttles = campaigns.Select(_ => 0.01 + (0.29 * random.NextDouble())).ToArray();
        var none = new Dictionary<string, int>();

        var text = new StringBuilder();
        Line(text, $"# Decision benchmark (seed {options.Seed})");
        Line(text);
        Line(text, $"{options.BenchCampaigns:N0} active campaigns in one tenant ({campaigns.Count(c => c.Targeting.IsUntargeted())} untargeted; the rest target " +
            $"1-2 of category/segment/tag), {RequestCount:N0} distinct requests, {Environment.ProcessorCount} cores, .NET {Environment.Version}, one thread.");
        Line(text);
        Line(text, "| pacing | path | candidates | eligible | decisions | mean µs | p50 µs | p99 µs | same winner |");
        Line(text, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        var ratios = new List<string>();
        foreach (var (pacing, throttle) in new (string, Func<int, double>)[] { ("full throttle", _ => 1), ("throttled 1-30%", i => throttles[i]) })
        {
            var serving = campaigns.Select((c, i) => new ServingCampaign(c, history[i], throttle(i), c.TotalBudget)).ToArray();
            var built = Stopwatch.StartNew();
            var index = CampaignIndex.Build(serving);
            built.Stop();
            var agree = requests.Select((r, i) => (r, i)).All(x =>
                Winner(AdDecider.Decide(x.r, index, none, wallet, $"check{x.i}", now)) ==
                Winner(AdDecider.Decide(x.r, serving, none, wallet, $"check{x.i}", now)));
            var candidates = requests.Average(r => index.Candidates(r).Count());
            var eligible = requests.Select((r, i) => AdDecider.Eligible(r, serving, none, wallet, PacingThrottle.KeyOf($"check{i}"), now).Count).Average();
            var viaIndex = Measure(requests, (r, id) => AdDecider.Decide(r, index, none, wallet, id, now), rounds: 10);
            var viaScan = Measure(requests, (r, id) => AdDecider.Decide(r, serving, none, wallet, id, now), rounds: 2);
            Line(text, Row(pacing, "index", candidates, eligible, viaIndex, agree));
            Line(text, Row(pacing, "full scan", campaigns.Length, eligible, viaScan, agree));
            ratios.Add($"{pacing}: scan / index = {viaScan.Average() / viaIndex.Average():F0}x (index built in {built.Elapsed.TotalMilliseconds:F0} ms)");
        }

        Line(text);
        Line(text, string.Join("; ", ratios) + ".");
        return text.ToString();
    }

    private static string[] Vocabulary(string prefix, int size) => Enumerable.Range(0, size).Select(i => $"{prefix}{i}").ToArray();

    /// <summary>3% untargeted; the rest target one or two dimensions with a few values each.</summary>
    private static Campaign NewCampaign(Random random, string id, DateTimeOffset now, string[] categories, string[] segments, string[] tags)
    {
        var untargeted = random.NextDouble() < 0.03;
        var dimensions = untargeted ? 0 : random.Next(1, 3);
        var chosen = random.GetItems(new[] { 0, 1, 2 }, 3).Distinct().Take(dimensions).ToHashSet();
        var targeting = new TargetingDraft(
            chosen.Contains(2) ? random.GetItems(tags, random.Next(1, 5)) : null,
            chosen.Contains(1) ? random.GetItems(segments, random.Next(1, 4)) : null,
            chosen.Contains(0) ? random.GetItems(categories, random.Next(1, 3)) : null);
        var cpc = random.NextDouble() < 0.4;
        var bid = cpc ? Math.Round(0.1m + (decimal)random.NextDouble() * 2, 2) : Math.Round(0.5m + (decimal)random.NextDouble() * 10, 2);
        var draft = new NewCampaign(
            id, cpc ? BidType.Cpc : BidType.Cpm, bid, Campaign.MaxBudget, null, now.AddDays(-1), now.AddDays(1), targeting, Campaign.MaxFrequencyCapPerDay,
            new CreativeDraft(id, "https://cdn.example.com/a.png", "https://ads.example.com/a"));
        return Campaign.Create("bench", draft, now.AddDays(-1)) with { Id = id };
    }

    private static AdRequest NewRequest(Random random, string[] categories, string[] segments, string[] tags) =>
        AdRequest.Create(
            "bench", "r1", categories[random.Next(categories.Length)], random.GetItems(tags, 3),
            AdAudience.Create("u1", random.GetItems(segments, 3), random.GetItems(tags, 4)));

    /// <summary>Each campaign's whole budget leased to one instance, so no decision fails for want of budget.</summary>
    private static LeaseWallet FundedWallet(IEnumerable<Campaign> campaigns, DateTimeOffset now)
    {
        var policy = AdPolicy.Default with { MaxLeaseShare = 1m, LeaseWindow = TimeSpan.FromDays(1) };
        var wallet = new LeaseWallet("bench", policy);
        foreach (var campaign in campaigns)
        {
            var (_, lease) = CampaignDelivery.Start(campaign).GrantLease(campaign, "bench", campaign.TotalBudget, policy, now);
            wallet.Install(lease!);
        }

        return wallet;
    }

    /// <summary>Per-call timings after a warm-up pass; every call uses a fresh impression id, so throttle draws differ as in production.</summary>
    private static double[] Measure(AdRequest[] requests, Func<AdRequest, string, AdDecision?> decide, int rounds)
    {
        foreach (var (request, i) in requests.Select((r, i) => (r, i)))
        {
            decide(request, $"warm{i}");
        }

        var timings = new List<double>(requests.Length * rounds);
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < requests.Length; i++)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"r{round}-{i}");
                var start = Stopwatch.GetTimestamp();
                decide(requests[i], id);
                timings.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }

        return [.. timings.Order()];
    }

    private static string Row(string pacing, string path, double candidates, double eligible, double[] sorted, bool agree) =>
        $"| {pacing} | {path} | {candidates:F0} | {eligible:F0} | {sorted.Length:N0} | {sorted.Average():F1} | {sorted[sorted.Length / 2]:F1} | " +
        $"{sorted[(int)(sorted.Length * 0.99)]:F1} | {(agree ? "yes" : "NO")} |";

    private static string? Winner(AdDecision? decision) => decision?.Campaign.Id;

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
