namespace LiveServerless.Domain.Recommendations;

/// <summary>
/// Maximal marginal relevance: repeatedly take the room maximising λ · relevance − (1 − λ) · (its highest similarity to a room already
/// taken), relevance scaled to [0, 1] by the best one. A room's value only falls as the list grows, so the values taken never increase
/// and serve as the list's scores.
/// </summary>
internal static class DiversityReranker
{
    public static IReadOnlyList<(ScoredRoom Scored, double Score)> Rerank(IReadOnlyList<ScoredRoom> byRelevance, RecommenderOptions options)
    {
        var shortlist = byRelevance.Take(Math.Max(options.MaxItems, options.MmrShortlist)).ToArray();
        var topRelevance = shortlist.Length > 0 ? shortlist[0].Relevance : 0;
        var scale = topRelevance > 0 ? 1 / topRelevance : 0;
        var lambda = options.MmrLambda;
        var maxSimilarity = new double[shortlist.Length];
        var taken = new bool[shortlist.Length];
        var count = Math.Clamp(options.MaxItems, 0, shortlist.Length);
        var ranked = new List<(ScoredRoom, double)>(count);
        while (ranked.Count < count)
        {
            var (best, bestValue) = (-1, double.NegativeInfinity);
            for (var i = 0; i < shortlist.Length; i++)
            {
                var value = (lambda * shortlist[i].Relevance * scale) - ((1 - lambda) * maxSimilarity[i]);
                if (!taken[i] && value > bestValue)
                {
                    (best, bestValue) = (i, value);
                }
            }

            taken[best] = true;
            ranked.Add((shortlist[best], bestValue));
            for (var i = 0; i < shortlist.Length; i++)
            {
                maxSimilarity[i] = Math.Max(maxSimilarity[i], Similarity(shortlist[i].Room, shortlist[best].Room, options));
            }
        }

        return ranked;
    }

    /// <summary>1 for the same host (the same person twice is no choice), otherwise weighted tag overlap (Jaccard) and same category.</summary>
    public static double Similarity(LiveRoomCandidate a, LiveRoomCandidate b, RecommenderOptions options)
    {
        if (string.Equals(a.HostUserId, b.HostUserId, StringComparison.Ordinal))
        {
            return 1;
        }

        var sameCategory = a.Category is not null && string.Equals(a.Category, b.Category, StringComparison.Ordinal) ? 1 : 0;
        return (options.SimilarityTagWeight * Jaccard(a.Tags, b.Tags)) + (options.SimilarityCategoryWeight * sameCategory);
    }

    private static double Jaccard(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var common = a.Count(tag => b.Contains(tag, StringComparer.Ordinal));
        return (double)common / (a.Count + b.Count - common);
    }
}
