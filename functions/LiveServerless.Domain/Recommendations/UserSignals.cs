using LiveServerless.Domain.Profiles;

namespace LiveServerless.Domain.Recommendations;

/// <summary>What the recommender needs from one user, decayed to "now" once per request so scoring a candidate is a few lookups.</summary>
internal sealed class UserSignals
{
    private readonly Dictionary<string, double> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _watchedSeconds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CoEngagedHost> _coEngaged = new(StringComparer.Ordinal);

    private UserSignals(IReadOnlyDictionary<string, DateTimeOffset> followedHosts) => FollowedHosts = followedHosts;

    public IReadOnlyDictionary<string, double> Tags => _tags;

    /// <summary>Euclidean norm of <see cref="Tags"/>, the cosine's denominator.</summary>
    public double TagNorm { get; private set; }

    public IReadOnlyDictionary<string, double> Categories => _categories;

    public double FavouriteCategory { get; private set; }

    public IReadOnlyDictionary<string, double> WatchedSeconds => _watchedSeconds;

    public IReadOnlyDictionary<string, DateTimeOffset> FollowedHosts { get; }

    /// <summary>Per neighbouring host: Σ over the user's hosts A of share(A) · similarity(A → host), and the A that contributed most.</summary>
    public IReadOnlyDictionary<string, CoEngagedHost> CoEngaged => _coEngaged;

    /// <summary>Nothing known about the user (no profile, or an empty one): only room-side signals remain, i.e. trending and freshness.</summary>
    public static UserSignals From(
        UserProfile? profile, IReadOnlyDictionary<string, HostNeighbours> coEngagement, DateTimeOffset now, RecommenderOptions options)
    {
        if (profile is null || profile.IsEmpty())
        {
            return new UserSignals(new Dictionary<string, DateTimeOffset>());
        }

        var signals = new UserSignals(profile.FollowedHosts);
        foreach (var (tag, points) in profile.TagInterests)
        {
            signals._tags[tag] = points.ValueAt(now, ProfileRules.InterestHalfLife);
        }

        foreach (var (category, points) in profile.CategoryInterests)
        {
            signals._categories[category] = points.ValueAt(now, ProfileRules.InterestHalfLife);
        }

        foreach (var (host, seconds) in profile.WatchedHosts)
        {
            signals._watchedSeconds[host] = seconds.ValueAt(now, ProfileRules.HostHalfLife);
        }

        signals.TagNorm = Math.Sqrt(signals._tags.Values.Sum(w => w * w));
        signals.FavouriteCategory = signals._categories.Values.DefaultIfEmpty(0).Max();
        signals.AddCoEngagement(profile.TopHosts(now, options.EngagedHostsConsidered), coEngagement, now);
        return signals;
    }

    private void AddCoEngagement(IReadOnlyList<HostShare> engagedHosts, IReadOnlyDictionary<string, HostNeighbours> coEngagement, DateTimeOffset now)
    {
        foreach (var engaged in engagedHosts)
        {
            if (!coEngagement.TryGetValue(engaged.HostUserId, out var document))
            {
                continue;
            }

            foreach (var (neighbour, similarity) in document.Similarities(now))
            {
                var part = engaged.Share * similarity;
                _coEngaged[neighbour] = _coEngaged.TryGetValue(neighbour, out var sofar) ? sofar.Plus(part, engaged.HostUserId) : new(part, engaged.HostUserId, part);
            }
        }
    }
}

/// <summary>A host reached through co-engagement: the summed score, and the user's host that contributed the most (for the reason).</summary>
internal readonly record struct CoEngagedHost(double Score, string Via, double ViaPart)
{
    public CoEngagedHost Plus(double part, string via) =>
        part > ViaPart ? new(Score + part, via, part) : this with { Score = Score + part };
}
