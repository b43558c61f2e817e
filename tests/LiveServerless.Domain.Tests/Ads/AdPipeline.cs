using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Interactions;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;

namespace LiveServerless.Domain.Tests.Ads;

/// <summary>
/// A miniature of the app for the budget properties: two serving instances with their own lease wallets, an ingest that verifies
/// tokens, a two-partition stream with checkpoints, a tracking processor that may crash between its two writes, the lease refresher
/// and the pacing timer, all on a clock the test moves. It does what the app does, through the same domain calls, and records what
/// really counted (from committed tracking runs) so the documents can be checked against it.
/// </summary>
internal sealed class AdPipeline
{
    public static readonly AdPolicy Policy = AdPolicy.Default with { TokenLifetime = TimeSpan.FromMinutes(10) };

    private readonly Dictionary<string, Campaign> _campaigns;
    private readonly Dictionary<string, CampaignDelivery> _deliveries;
    private readonly Dictionary<LedgerKey, UserAdLedger> _ledgers = [];
    private readonly LeaseWallet[] _wallets = [new("i1", Policy), new("i2", Policy)];
    private readonly List<StreamedInteraction>[] _partitions = [[], []];
    private readonly int[] _checkpoints = new int[2];
    private readonly List<(string Token, string UserId, int Partition)> _tokens = [];
    private readonly Dictionary<string, AdOutcome> _countedImpressions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AdOutcome> _countedClicks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _viewers = new(StringComparer.Ordinal);
    private CampaignIndex _index = CampaignIndex.Empty;
    private int _served;

    public AdPipeline(IEnumerable<Campaign> campaigns, DateTimeOffset start)
    {
        _campaigns = campaigns.ToDictionary(c => c.Id);
        _deliveries = _campaigns.Values.ToDictionary(c => c.Id, CampaignDelivery.Start);
        Clock = start;
    }

    public DateTimeOffset Clock { get; private set; }

    public int ServedCount => _tokens.Count;

    public decimal SpentBy(string campaignId) => _deliveries[campaignId].Spend;

    /// <summary>Every ad event up to this time has been applied: the oldest unprocessed event is later.</summary>
    private DateTimeOffset SettledUntil =>
        _partitions.SelectMany((log, p) => log.Skip(_checkpoints[p])).Select(e => e.Interaction.OccurredAt.AddTicks(-1)).Append(Clock).Min();

    public void Advance(int seconds) => Clock = Clock.AddSeconds(seconds);

    public void Serve(int user, int instance)
    {
        var userId = $"u{user}";
        var key = new LedgerKey("t1", userId);
        var request = Request(userId: userId, category: "music");
        var placement = AdServing.Serve(
            request, _index, _wallets[instance], _ledgers.GetValueOrDefault(key) ?? UserAdLedger.Empty("t1", userId), $"imp{++_served}", TokenKey, SettledUntil, Clock);
        if (placement is not null)
        {
            _ledgers[key] = placement.Ledger;
            _tokens.Add((placement.ImpressionToken, userId, user % _partitions.Length));
            _viewers[placement.Decision.ImpressionId] = userId;
        }
    }

    /// <summary>The client posts an event for one of its tokens, possibly several times; the ingest drops what does not verify.</summary>
    public void Post(int token, InteractionType type, int copies)
    {
        if (_tokens.Count == 0)
        {
            return;
        }

        var (value, userId, partition) = _tokens[token % _tokens.Count];
        for (var i = 0; i < copies; i++)
        {
            var verdict = ImpressionToken.Verify(value, TokenKey, "t1", userId, Clock);
            if (verdict.Token is { } verified)
            {
                var log = _partitions[partition];
                var interaction = new Interaction
                {
                    Id = $"e{partition}-{log.Count}", TenantId = "t1", UserId = userId, RoomId = verified.RoomId, Type = type,
                    OccurredAt = Clock, CampaignId = verified.CampaignId, ImpressionId = verified.ImpressionId,
                };
                log.Add(new StreamedInteraction(interaction, partition.ToString(System.Globalization.CultureInfo.InvariantCulture), log.Count));
            }
        }
    }

    /// <summary>One tracking run from the checkpoint; a crash happens after the deliveries are written and before the ledgers are.</summary>
    public void Process(int partition, bool crash)
    {
        var batch = _partitions[partition].Skip(_checkpoints[partition]).ToArray();
        var result = AdTracking.Apply(batch, _ledgers, _deliveries, Policy.ClickDwell);
        foreach (var delivery in result.Deliveries)
        {
            _deliveries[delivery.CampaignId] = delivery;
        }

        if (crash)
        {
            return;
        }

        foreach (var ledger in result.Ledgers)
        {
            _ledgers[LedgerKey.Of(ledger)] = ledger;
        }

        _checkpoints[partition] = _partitions[partition].Count;
        foreach (var outcome in result.Outcomes)
        {
            if (outcome.CountsImpression)
            {
                Assert.True(_countedImpressions.TryAdd(outcome.ImpressionId, outcome), $"impression {outcome.ImpressionId} counted twice");
            }

            if (outcome.CountsClick)
            {
                Assert.True(_countedClicks.TryAdd(outcome.ImpressionId, outcome), $"click on {outcome.ImpressionId} counted twice");
            }
        }
    }

    /// <summary>An instance's refresh: a new index (throttle wide open, to press on the budget), then the leases it asks for.</summary>
    public void Refresh(int instance)
    {
        _index = CampaignIndex.Build(_campaigns.Values.Select(c => ServingCampaign.From(c, _deliveries[c.Id], Clock).WithThrottle(1)));
        foreach (var sync in _wallets[instance].Sync(_index.Campaigns, Clock))
        {
            var (delivery, lease) = _deliveries[sync.CampaignId].Sync(_campaigns[sync.CampaignId], sync, Policy, SettledUntil, Clock);
            _deliveries[sync.CampaignId] = delivery;
            if (lease is not null)
            {
                _wallets[instance].Install(lease);
            }
        }
    }

    public void Tick()
    {
        foreach (var campaign in _campaigns.Values.ToArray())
        {
            var (ticked, delivery) = PacingController.Tick(campaign, _deliveries[campaign.Id], TrafficCurve.Default, SettledUntil, Clock);
            (_campaigns[campaign.Id], _deliveries[campaign.Id]) = (ticked, delivery);
        }
    }

    public void Drain()
    {
        Process(0, crash: false);
        Process(1, crash: false);
    }

    /// <summary>Spend within both budgets, every cost billed, no viewer shown a campaign more often than its daily cap.</summary>
    public void AssertInvariants()
    {
        foreach (var campaign in _campaigns.Values)
        {
            var delivery = _deliveries[campaign.Id];
            Assert.True(delivery.Spend <= campaign.TotalBudget, $"{campaign.Id} spent {delivery.Spend} of {campaign.TotalBudget}");
            Assert.All(delivery.DailySpend, day => Assert.True(campaign.DailyBudget is null || day.Value <= campaign.DailyBudget, $"{campaign.Id} spent {day.Value} on {day.Key}"));
            Assert.Equal(0m, delivery.Unbilled);
            var shown = _countedImpressions.Values.Where(o => o.CampaignId == campaign.Id).CountBy(o => (User: _viewers[o.ImpressionId], o.ServedDay));
            Assert.All(shown, seen => Assert.True(seen.Value <= campaign.FrequencyCapPerDay, $"{seen.Key} saw {campaign.Id} {seen.Value} times"));
        }

        Assert.All(_ledgers.Values, ledger => Assert.All(ledger.Served, s => Assert.InRange(s.Value, 0, _campaigns[s.Key].FrequencyCapPerDay)));
    }

    /// <summary>After a drain the documents agree exactly with what committed runs counted, whatever was replayed or duplicated.</summary>
    public void AssertExactlyOnce()
    {
        foreach (var campaign in _campaigns.Values)
        {
            var delivery = _deliveries[campaign.Id];
            var impressions = _countedImpressions.Values.Where(o => o.CampaignId == campaign.Id).ToArray();
            var clicks = _countedClicks.Values.Where(o => o.CampaignId == campaign.Id).ToArray();
            Assert.Equal(impressions.Length, delivery.Impressions);
            Assert.Equal(clicks.Length, delivery.Clicks);
            Assert.Equal(impressions.Union(clicks).Sum(o => o.Cost), delivery.Spend);
        }
    }
}
