namespace LiveServerless.Domain.Recommendations;

/// <summary>
/// Every knob of the recommender, with its default. Each signal is scaled to [0, 1] and the relevance is the weighted sum, so a
/// weight reads as "how many points a perfect match on this signal is worth". Defaults were chosen on the offline evaluation's
/// development seed (docs/recommendations.md), not on the seed whose numbers are reported.
/// </summary>
public sealed record RecommenderOptions
{
    public static RecommenderOptions Default { get; } = new();

    /// <summary>How many rooms a list holds (the stored list is longer than a screen so ended rooms can be dropped at read time).</summary>
    public int MaxItems { get; init; } = 50;

    // Blend weights.
    /// <summary>Cosine between the user's decayed tag interests and the room's tags.</summary>
    public double TagMatchWeight { get; init; } = 1.0;

    /// <summary>The user's interest in the room's category relative to their favourite category.</summary>
    public double CategoryMatchWeight { get; init; } = 0.5;

    /// <summary>Host–host co-engagement from the user's engaged hosts to the room's host.</summary>
    public double CoEngagementWeight { get; init; } = 1.0;

    /// <summary>The room's heat, log-scaled relative to the hottest candidate.</summary>
    public double TrendingWeight { get; init; } = 0.5;

    /// <summary>The user follows the host (repeat consumption: the strongest signal in live streaming).</summary>
    public double FollowedHostWeight { get; init; } = 1.0;

    /// <summary>The user watched the host lately (repeat consumption).</summary>
    public double WatchedHostWeight { get; init; } = 2.0;

    /// <summary>The stream started recently: a new stream is where a viewer catches the start.</summary>
    public double FreshnessWeight { get; init; } = 0.2;

    // Signal shapes.
    /// <summary>Recent watching of a host that scores 0.5 on the watched-host signal: s / (s + this).</summary>
    public TimeSpan WatchedHostHalfSaturation { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Co-engagement score that counts as 0.5: c / (c + this); c is a probability-like share of the audience.</summary>
    public double CoEngagementHalfSaturation { get; init; } = 0.05;

    /// <summary>Freshness is exp(−age / this): 1 at the start, 0.37 after this long.</summary>
    public TimeSpan FreshnessTimeConstant { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How many of the user's top hosts feed the co-engagement signal (= how many host documents to read).</summary>
    public int EngagedHostsConsidered { get; init; } = 10;

    // Diversity (MMR).
    /// <summary>MMR trade-off: λ · relevance − (1 − λ) · max similarity to the rooms already listed. 1 = no diversity.</summary>
    public double MmrLambda { get; init; } = 0.8;

    /// <summary>MMR re-ranks only this many of the most relevant rooms (at least MaxItems), which keeps it cheap on a large live set.</summary>
    public int MmrShortlist { get; init; } = 100;

    /// <summary>
    /// Room similarity: 1 for the same host, otherwise these weights on tag overlap (Jaccard) and same category — at most 0.5, so a
    /// second room of the same host is pushed down twice as hard as a room that merely looks alike.
    /// </summary>
    public double SimilarityTagWeight { get; init; } = 0.3;

    public double SimilarityCategoryWeight { get; init; } = 0.2;

    // Explanations.
    /// <summary>A signal is given as a reason when it adds at least this many points to the relevance.</summary>
    public double ReasonThreshold { get; init; } = 0.1;

    public int MaxReasons { get; init; } = 3;
}
