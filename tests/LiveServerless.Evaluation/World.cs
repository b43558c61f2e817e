namespace LiveServerless.Evaluation;

/// <summary>A host with a content profile, an appeal and a streaming habit (how often, from when, for how long).</summary>
public sealed record SimHost(int Index, string Id, string Category, string[] Tags, double Appeal, double StreamsPerDay, int PreferredStartTick);

/// <summary>One stream: a room that is live during ticks [StartTick, EndTick).</summary>
public sealed record SimRoom(int Index, string Id, SimHost Host, int StartTick, int EndTick);

/// <summary>A viewer with latent tastes, habits and propensities. Only <see cref="DeclaredTags"/> is visible to the recommenders.</summary>
public sealed record SimUser(
    int Index,
    string Id,
    IReadOnlyDictionary<string, double> CategoryTaste,
    IReadOnlyDictionary<string, double> TagTaste,
    double[] StartProbabilityPerTickByHour,
    int JoinTick,
    string[] DeclaredTags,
    double GiftPropensity,
    double AdClickRate)
{
    public double Taste(SimRoom room) =>
        CategoryTaste.GetValueOrDefault(room.Host.Category) + room.Host.Tags.Sum(tag => TagTaste.GetValueOrDefault(tag));
}

/// <summary>
/// The synthetic platform. Planted structure: users like one or two categories and a handful of tags; hosts stream on most days
/// around their own hour, so who is live changes all day; rooms are new every stream (a recommender must generalise over hosts).
/// </summary>
public sealed record World(EvaluationSettings Settings, SimHost[] Hosts, SimRoom[] Rooms, SimUser[] Users)
{
    public const int TicksPerHour = 12;
    public const int TicksPerDay = 24 * TicksPerHour;
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(5);
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public int TotalTicks => Settings.Days * TicksPerDay;

    public int TestStartTick => (Settings.Days - Settings.TestDays) * TicksPerDay;

    public static DateTimeOffset TimeOf(int tick) => Epoch + (tick * Tick);

    public static World Generate(EvaluationSettings settings, Rng rng)
    {
        var hosts = Enumerable.Range(0, settings.Hosts).Select(i => NewHost(i, rng)).ToArray();
        var rooms = hosts.SelectMany(host => Schedule(host, settings.Days, rng)).OrderBy(r => r.StartTick).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select((room, i) => room with { Index = i }).ToArray();
        var users = Enumerable.Range(0, settings.Users).Select(i => NewUser(i, settings.Days, rng)).ToArray();
        return new World(settings, hosts, rooms, users);
    }

    private static SimHost NewHost(int index, Rng rng)
    {
        var (category, _, tags) = Catalog.Categories[rng.PickWeighted([.. Catalog.Categories.Select(c => c.Popularity)])];
        var ownTags = rng.Sample(tags, rng.Between(2, 4));
        string[] hostTags = rng.Chance(0.3) ? [.. ownTags, rng.Pick(Catalog.AllTags)] : ownTags;
        var startHour = rng.PickWeighted([0.25, 0.6, 0.15]) switch
        {
            0 => rng.Between(10, 16),
            1 => rng.Between(17, 22),
            _ => (23 + rng.Between(0, 3)) % 24,
        };
        return new SimHost(index, $"host{index:D4}", category, [.. hostTags.Distinct()], rng.Normal(0, 0.5), 0.4 + (0.55 * rng.Uniform()), startHour * TicksPerHour);
    }

    private static IEnumerable<SimRoom> Schedule(SimHost host, int days, Rng rng)
    {
        for (var day = 0; day < days; day++)
        {
            if (rng.Chance(host.StreamsPerDay))
            {
                var start = (day * TicksPerDay) + host.PreferredStartTick + rng.Between(-TicksPerHour, TicksPerHour + 1);
                yield return new SimRoom(0, $"{host.Id}-d{day:D2}", host, Math.Max(0, start), Math.Max(0, start) + rng.Between(TicksPerHour, (4 * TicksPerHour) + 1));
            }
        }
    }

    private static SimUser NewUser(int index, int days, Rng rng)
    {
        var popularity = Catalog.Categories.Select(c => c.Popularity).ToArray();
        var primary = rng.PickWeighted(popularity);
        var secondary = rng.Chance(0.6) ? rng.PickWeighted(popularity) : primary;
        var categoryTaste = new Dictionary<string, double>(StringComparer.Ordinal) { [Catalog.Categories[primary].Category] = 1.0 };
        var tagTaste = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var tag in rng.Sample(Catalog.Categories[primary].Tags, 3))
        {
            tagTaste[tag] = 1.0;
        }

        if (secondary != primary)
        {
            categoryTaste[Catalog.Categories[secondary].Category] = 0.5;
            foreach (var tag in rng.Sample(Catalog.Categories[secondary].Tags, 2))
            {
                tagTaste[tag] = 0.6;
            }
        }

        tagTaste[rng.Pick(Catalog.AllTags)] = 0.8;
        var liked = tagTaste.Keys.Order(StringComparer.Ordinal).ToArray();
        string[] declared = rng.PickWeighted([0.4, 0.5, 0.1]) switch
        {
            0 => [],
            1 => rng.Sample(liked, rng.Between(1, 3)),
            _ => [rng.Pick(Catalog.AllTags)],
        };
        var joinTick = rng.Chance(0.8) ? 0 : rng.Between(0, days * TicksPerDay);
        return new SimUser(
            index, $"user{index:D5}", categoryTaste, tagTaste, StartProbabilities(rng), joinTick, declared,
            GiftPropensity: rng.Chance(0.05) ? 10 : Math.Exp(rng.Normal(-0.5, 0.7)),
            AdClickRate: 0.005 + (0.04 * rng.Uniform()));
    }

    /// <summary>Sessions a day (log-normal: many casual users, a few heavy ones) spread over the hours around the user's peak hour.</summary>
    private static double[] StartProbabilities(Rng rng)
    {
        var sessionsPerDay = Math.Exp(rng.Normal(0, 0.6));
        var (peak, spread) = rng.PickWeighted([0.65, 0.2, 0.15]) switch
        {
            0 => (rng.Normal(20.5, 1.5), 2.0),
            1 => (rng.Normal(1, 1), 1.5),
            _ => (rng.Normal(13, 2), 3.0),
        };
        var weights = Enumerable.Range(0, 24).Select(hour =>
        {
            var distance = Math.Abs(hour - peak) % 24;
            distance = Math.Min(distance, 24 - distance);
            return 0.03 + Math.Exp(-(distance * distance) / (2 * spread * spread));
        }).ToArray();
        var total = weights.Sum();
        return [.. weights.Select(w => sessionsPerDay * w / total / TicksPerHour)];
    }
}
