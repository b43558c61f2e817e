using LiveServerless.Domain.Ads;

namespace LiveServerless.Simulation;

/// <summary>A viewer: what the profile says (the audience the decider sees) and what is true (how likely they really click per category).</summary>
internal sealed record SimUser(string Id, AdAudience Audience, IReadOnlyDictionary<string, double> TrueAffinity, double Activity);

internal sealed record SimRoom(string Id, string Category, string[] Tags, double Popularity);

/// <summary>A campaign with its creative's true click-through rate, which the decider only learns from tracked clicks.</summary>
internal sealed record SimCampaign(Campaign Campaign, double TrueCtr);

/// <summary>
/// The simulated tenant: viewers with segments, interests and per-category click propensities; rooms with categories, tags and
/// Zipf popularity; eight campaigns competing with different budgets, bids, targeting and caps. All drawn from the seed.
/// </summary>
internal sealed class World
{
    public const string TenantId = "sim";

    public static readonly string[] Categories = ["gaming", "music", "sports", "talk", "cooking", "travel"];

    private static readonly string[] Tags =
    [
        "football", "basketball", "esports", "fps", "rpg", "jazz", "pop", "karaoke", "news", "comedy", "chess", "baking", "street-food",
        "hiking", "beach", "fashion",
    ];

    private static readonly (string Name, double Share)[] SegmentShares =
    [
        ("gamers", 0.30), ("music-fans", 0.30), ("sports-fans", 0.25), ("night-owls", 0.20), ("new-users", 0.10), ("big-gifters", 0.05),
    ];

    private readonly double[] _userActivity;
    private readonly double[] _roomPopularity;

    private World(DateTimeOffset day, SimUser[] users, SimRoom[] rooms, SimCampaign[] campaigns)
    {
        Day = day;
        Users = users;
        Rooms = rooms;
        Campaigns = campaigns;
        _userActivity = Cumulative(users.Select(u => u.Activity));
        _roomPopularity = Cumulative(rooms.Select(r => r.Popularity));
    }

    /// <summary>Midnight UTC of the simulated day.</summary>
    public DateTimeOffset Day { get; }

    public IReadOnlyList<SimUser> Users { get; }

    public IReadOnlyList<SimRoom> Rooms { get; }

    public IReadOnlyList<SimCampaign> Campaigns { get; }

    /// <summary>Budgets are written for a million requests a day and scale with the traffic simulated, so the market stays as tight.</summary>
    public static World Create(int seed, int userCount, int dailyRequests)
    {
        var random = new Random(seed);
        var day = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var users = Enumerable.Range(0, userCount).Select(i => NewUser(random, $"u{i}")).ToArray();
        var rooms = Enumerable.Range(0, 400)
            .Select(i => new SimRoom($"r{i}", Categories[random.Next(Categories.Length)], random.GetItems(Tags, 3).Distinct().ToArray(), 1.0 / (i + 1)))
            .ToArray();
        return new World(day, users, rooms, NewCampaigns(day, dailyRequests / 1_000_000m));
    }

    public SimUser PickUser(Random random) => Users[Pick(_userActivity, random)];

    public SimRoom PickRoom(Random random) => Rooms[Pick(_roomPopularity, random)];

    public static AdRequest RequestFor(SimUser user, SimRoom room) => AdRequest.Create(TenantId, room.Id, room.Category, room.Tags, user.Audience);

    /// <summary>The true chance this viewer clicks this campaign's ad in this room.</summary>
    public static double ClickProbability(SimCampaign campaign, SimUser user, SimRoom room) =>
        Math.Min(0.5, campaign.TrueCtr * user.TrueAffinity[room.Category]);

    /// <summary>
    /// A viewer clicks ads in each category with a lognormal propensity (median 1); the profile's estimate of it is noisy, which is what
    /// the decider receives as the viewer's category CTR.
    /// </summary>
    private static SimUser NewUser(Random random, string id)
    {
        var affinity = Categories.ToDictionary(c => c, _ => Math.Exp(0.6 * Gaussian(random)));
        var estimated = affinity.ToDictionary(a => a.Key, a => ClickModel.BaselineCtr * a.Value * Math.Exp(0.3 * Gaussian(random)));
        var segments = SegmentShares.Where(s => random.NextDouble() < s.Share).Select(s => s.Name);
        var interests = random.GetItems(Tags, random.Next(1, 4));
        var activity = Math.Exp(Gaussian(random));
        return new SimUser(id, AdAudience.Create(id, segments, interests, estimated), affinity, activity);
    }

    private static SimCampaign[] NewCampaigns(DateTimeOffset day, decimal scale)
    {
        var week = day.AddDays(7);
        var tomorrow = day.AddDays(1);
        return
        [
            Make("brand-awareness", BidType.Cpm, 3.00m, 2100m, 300m, week, 6, 0.004, new TargetingDraft(null, null, null)),
            Make("gaming-gear", BidType.Cpc, 0.35m, 1575m, 225m, week, 4, 0.022, new TargetingDraft(null, null, ["gaming"])),
            Make("concert-tickets", BidType.Cpm, 6.00m, 200m, null, tomorrow, 3, 0.008, new TargetingDraft(null, ["music-fans"], null)),
            Make("sportsbook", BidType.Cpc, 0.60m, 1225m, 175m, week, 4, 0.016, new TargetingDraft(["football", "basketball"], null, null)),
            Make("vip-gifts", BidType.Cpm, 9.00m, 875m, 125m, week, 5, 0.009, new TargetingDraft(null, ["big-gifters"], null)),
            Make("cooking-box", BidType.Cpc, 0.25m, 100m, null, tomorrow, 3, 0.028, new TargetingDraft(null, null, ["cooking", "travel"])),
            Make("welcome-offer", BidType.Cpc, 0.80m, 1050m, 150m, week, 2, 0.012, new TargetingDraft(null, ["new-users"], null)),
            Make("late-night-talk", BidType.Cpm, 2.50m, 525m, 75m, week, 4, 0.007, new TargetingDraft(null, ["night-owls"], ["talk"])),
        ];

        SimCampaign Make(
            string name, BidType bidType, decimal bid, decimal total, decimal? daily, DateTimeOffset endsAt, int cap, double trueCtr, TargetingDraft targeting)
        {
            var draft = new NewCampaign(
                name, bidType, bid, Math.Round(total * scale, 2), daily is { } d ? Math.Round(d * scale, 2) : null, day, endsAt, targeting, cap,
                new CreativeDraft(name, $"https://cdn.example.com/{name}.png", $"https://ads.example.com/{name}"));
            return new SimCampaign(Campaign.Create(TenantId, draft, day.AddDays(-1)) with { Id = name }, trueCtr);
        }
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
