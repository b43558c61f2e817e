using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Interactions;

namespace LiveServerless.Simulation;

/// <summary>How a strategy sets the throttle a refresh copies into the serving index.</summary>
internal sealed record PacingStrategy(string Name, Func<ServingCampaign, double> Throttle);

/// <summary>
/// One simulated day per strategy, second by second: pacing timer at slot boundaries, index and lease refreshes every 10 s per instance,
/// client posts as they fall due, ad requests as they arrive, the tracking processor every 5 s. Viewers render 97% of the ads they are
/// served (posting the impression twice 5% of the time), click with their true probability, send a 10-click burst on 2% of clicks,
/// replay 0.5% of tokens 20 minutes later and tamper with 0.2%.
/// </summary>
internal static class PacingSimulation
{
    private static readonly TimeSpan Drain = TimeSpan.FromMinutes(30);

    public static string Run(SimulationOptions options)
    {
        var world = World.Create(options.Seed, options.Users, options.Requests);
        var requests = Traffic.Generate(world, options.Requests, options.Seed + 1);
        var uniform = UniformThrottles(world, requests, options.Requests);
        PacingStrategy[] strategies =
        [
            new("ours: pacing controller", serving => serving.Throttle),
            new("as fast as possible", _ => 1),
            new("uniform throttle", serving => uniform[serving.Campaign.Id]),
        ];
        var results = strategies.Select(s => RunDay(world, requests, s, options.Seed)).ToArray();
        return SimulationReport.Render(options, world, requests.Count, uniform, results);
    }

    private static StrategyResult RunDay(World world, IReadOnlyList<SimRequest> requests, PacingStrategy strategy, int seed)
    {
        var platform = new AdPlatform(world.Campaigns.Select(c => c.Campaign), strategy.Throttle);
        var viewers = new Random(seed + 2);
        var crashes = new Random(seed + 3);
        var routing = new Random(seed + 4);
        var posts = new PriorityQueue<ClientPost, DateTimeOffset>();
        var truth = new Truth();
        var next = 0;
        for (var now = world.Day; now < world.Day.AddDays(1) + Drain; now = now.AddSeconds(1))
        {
            var second = (int)(now - world.Day).TotalSeconds;
            if (now == PacingSlot.StartOf(now))
            {
                platform.PacingTimer(now);
            }

            if (second % 5 == 0)
            {
                platform.Refresh(second / 5 % 2, now);
            }

            while (posts.TryPeek(out var post, out var due) && due <= now)
            {
                posts.Dequeue();
                platform.Ingest(post.Token, post.Type, post.Viewer, due);
            }

            for (; next < requests.Count && requests[next].At <= now; next++)
            {
                var request = requests[next];
                var placement = platform.Serve(request, routing.Next(2), $"imp{next}");
                if (placement is not null)
                {
                    var campaign = world.Campaigns.First(c => c.Campaign.Id == placement.Decision.Campaign.Id);
                    Behave(viewers, request, placement, World.ClickProbability(campaign, request.User, request.Room), posts, truth);
                }
            }

            if (second % 5 == 0)
            {
                platform.ProcessStream(crashes);
            }
        }

        return StrategyResult.From(strategy.Name, world, platform, truth);
    }

    /// <summary>What the viewer's client does with a served ad.</summary>
    private static void Behave(Random random, SimRequest request, AdPlacement placement, double clickProbability, PriorityQueue<ClientPost, DateTimeOffset> posts, Truth truth)
    {
        var token = placement.ImpressionToken;
        var at = request.At;
        var campaignId = placement.Decision.Campaign.Id;
        void Post(InteractionType type, TimeSpan after, string? tampered = null) =>
            posts.Enqueue(new ClientPost(tampered ?? token, type, request.User), at + after);

        if (random.NextDouble() < 0.97)
        {
            truth.Rendered(campaignId);
            var shownAfter = TimeSpan.FromSeconds(random.Next(1, 4));
            Post(InteractionType.AdImpression, shownAfter);
            if (random.NextDouble() < 0.05)
            {
                Post(InteractionType.AdImpression, TimeSpan.FromSeconds(random.Next(4, 8)));
            }

            if (random.NextDouble() < clickProbability)
            {
                truth.Clicked(campaignId);
                // A person clicks at least a couple of seconds after the ad appeared (the tracking counts no click within the dwell).
                var clickAt = shownAfter + TimeSpan.FromSeconds(random.Next(2, 89));
                var burst = random.NextDouble() < 0.02 ? 10 : 1;
                for (var i = 0; i < burst; i++)
                {
                    Post(InteractionType.AdClick, clickAt + TimeSpan.FromMilliseconds(100 * i));
                }
            }
        }

        if (random.NextDouble() < 0.005)
        {
            Post(InteractionType.AdImpression, TimeSpan.FromMinutes(20));
        }

        if (random.NextDouble() < 0.002)
        {
            Post(InteractionType.AdClick, TimeSpan.FromSeconds(5), string.Concat(token.AsSpan(0, 10), token[10] == 'A' ? "B" : "A", token.AsSpan(11)));
        }
    }

    /// <summary>
    /// The baseline's constant throttles, set the way a planner without feedback would: today's target over an a-priori estimate of
    /// full-speed spend, i.e. expected requests × share of requests the targeting matches × price per impression (CPC at the baseline CTR).
    /// It ignores competition, as such estimates do.
    /// </summary>
    private static Dictionary<string, double> UniformThrottles(World world, IReadOnlyList<SimRequest> requests, int expectedRequests)
    {
        var sample = requests.Where((_, i) => i % 20 == 0).Select(r => World.RequestFor(r.User, r.Room)).ToArray();
        return world.Campaigns.ToDictionary(
            c => c.Campaign.Id,
            c =>
            {
                var campaign = c.Campaign;
                var matching = sample.Count(campaign.Targeting.Matches) / (double)sample.Length;
                var price = campaign.BidType == BidType.Cpm ? (double)campaign.Bid / 1000 : (double)campaign.Bid * ClickModel.BaselineCtr;
                var target = (double)PacingPlan.ForDay(campaign, CampaignDelivery.Start(campaign), TrafficCurve.Default, PacingSlot.DayOf(world.Day)).Target;
                return Math.Clamp(target / (expectedRequests * matching * price), PacingController.MinThrottle, 1);
            });
    }

    private sealed record ClientPost(string Token, InteractionType Type, SimUser Viewer);
}

/// <summary>What the viewers really did, to check the documents' counts against.</summary>
internal sealed class Truth
{
    private readonly Dictionary<string, (long Rendered, long Clicked)> _counts = new(StringComparer.Ordinal);

    public void Rendered(string campaignId)
    {
        var (rendered, clicked) = Of(campaignId);
        _counts[campaignId] = (rendered + 1, clicked);
    }

    public void Clicked(string campaignId)
    {
        var (rendered, clicked) = Of(campaignId);
        _counts[campaignId] = (rendered, clicked + 1);
    }

    public (long Rendered, long Clicked) Of(string campaignId) => _counts.GetValueOrDefault(campaignId);
}
