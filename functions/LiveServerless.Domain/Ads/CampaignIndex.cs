namespace LiveServerless.Domain.Ads;

/// <summary>
/// The serving campaigns of every tenant, indexed by targeting key so a decision touches only campaigns that can match the request.
/// Each targeted campaign is posted under the values of one of its dimensions (its anchor: the set dimension with the fewest values),
/// untargeted campaigns go to a wildcard list. A campaign that matches a request matches it on its anchor dimension too, so it is in the
/// posting list of one of the request's keys: the candidates are a superset of the eligible campaigns, and the decider's full check
/// narrows them to exactly the set a scan of every campaign would find. Every list is sorted by value bound and the request's lists are
/// merged lazily, so the decider reads candidates best-first and stops early.
/// Immutable: the app builds a new index at each refresh and swaps it in.
/// </summary>
public sealed class CampaignIndex
{
    private readonly Dictionary<string, TenantPostings> _tenants;

    private CampaignIndex(IReadOnlyList<ServingCampaign> campaigns, Dictionary<string, TenantPostings> tenants)
    {
        Campaigns = campaigns;
        _tenants = tenants;
    }

    public static CampaignIndex Empty { get; } = Build([]);

    /// <summary>Every indexed campaign: the list the lease refresher asks <see cref="LeaseWallet.Needs"/> about.</summary>
    public IReadOnlyList<ServingCampaign> Campaigns { get; }

    /// <summary>Indexes the active campaigns; paused and ended ones are left out until a refresh sees them active again.</summary>
    public static CampaignIndex Build(IEnumerable<ServingCampaign> campaigns)
    {
        var active = campaigns.Where(c => c.Campaign.Status == CampaignStatus.Active).ToArray();
        var tenants = active
            .GroupBy(c => c.Campaign.TenantId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => TenantPostings.Build(g), StringComparer.Ordinal);
        return new CampaignIndex(active, tenants);
    }

    /// <summary>
    /// The request tenant's campaigns that may match, in descending <see cref="ServingCampaign.ValueBound"/>, each once: the wildcard list
    /// plus the posting lists of the request's keys. Lazy: a decider that stops early never pays for the rest.
    /// </summary>
    public IEnumerable<ServingCampaign> Candidates(AdRequest request) =>
        _tenants.TryGetValue(request.TenantId, out var postings) ? postings.Candidates(request) : [];

    private enum Dimension
    {
        Category,
        Segment,
        Tag,
    }

    private readonly record struct Key(Dimension Dimension, string Value);

    private sealed class TenantPostings(ServingCampaign[] untargeted, Dictionary<Key, ServingCampaign[]> postings)
    {
        public static TenantPostings Build(IEnumerable<ServingCampaign> campaigns)
        {
            var untargeted = new List<ServingCampaign>();
            var postings = new Dictionary<Key, List<ServingCampaign>>();
            foreach (var serving in campaigns)
            {
                var anchor = AnchorKeys(serving.Campaign.Targeting);
                if (anchor.Length == 0)
                {
                    untargeted.Add(serving);
                }

                foreach (var key in anchor)
                {
                    if (!postings.TryGetValue(key, out var list))
                    {
                        postings[key] = list = [];
                    }

                    list.Add(serving);
                }
            }

            return new TenantPostings(BestFirst(untargeted), postings.ToDictionary(p => p.Key, p => BestFirst(p.Value)));
        }

        public IEnumerable<ServingCampaign> Candidates(AdRequest request)
        {
            var lists = new List<ServingCampaign[]>();
            if (untargeted.Length > 0)
            {
                lists.Add(untargeted);
            }

            Collect(lists, Dimension.Category, request.RoomCategory is { } category ? [category] : []);
            Collect(lists, Dimension.Segment, request.Audience.Segments);
            Collect(lists, Dimension.Tag, request.RoomTags);
            Collect(lists, Dimension.Tag, request.Audience.InterestTags.Where(tag => !request.RoomTags.Contains(tag)));
            return lists.Count switch
            {
                0 => [],
                1 => lists[0],
                _ => Merge(lists),
            };
        }

        /// <summary>A k-way merge by value bound; a campaign anchored on several of the request's values is in several lists, and kept once.</summary>
        private static IEnumerable<ServingCampaign> Merge(List<ServingCampaign[]> lists)
        {
            var heads = new PriorityQueue<(int List, int Position), double>(lists.Count);
            for (var i = 0; i < lists.Count; i++)
            {
                heads.Enqueue((i, 0), -lists[i][0].ValueBound);
            }

            var seen = new HashSet<ServingCampaign>(ReferenceEqualityComparer.Instance);
            while (heads.TryDequeue(out var head, out _))
            {
                var list = lists[head.List];
                if (head.Position + 1 < list.Length)
                {
                    heads.Enqueue((head.List, head.Position + 1), -list[head.Position + 1].ValueBound);
                }

                if (seen.Add(list[head.Position]))
                {
                    yield return list[head.Position];
                }
            }
        }

        private static ServingCampaign[] BestFirst(IEnumerable<ServingCampaign> campaigns) => campaigns.OrderByDescending(c => c.ValueBound).ToArray();

        /// <summary>The fewest values make the shortest posting lists; ties prefer category, then segment, then tag.</summary>
        private static Key[] AnchorKeys(Targeting targeting)
        {
            var dimensions = new (Dimension Dimension, IReadOnlyList<string> Values)[]
            {
                (Dimension.Category, targeting.Categories),
                (Dimension.Segment, targeting.Segments),
                (Dimension.Tag, targeting.Tags),
            };
            var set = dimensions.Where(d => d.Values.Count > 0).ToArray();
            if (set.Length == 0)
            {
                return [];
            }

            var anchor = set.MinBy(d => d.Values.Count);
            return anchor.Values.Select(value => new Key(anchor.Dimension, value)).ToArray();
        }

        private void Collect(List<ServingCampaign[]> lists, Dimension dimension, IEnumerable<string> values)
        {
            foreach (var value in values)
            {
                if (postings.TryGetValue(new Key(dimension, value), out var list))
                {
                    lists.Add(list);
                }
            }
        }
    }
}
