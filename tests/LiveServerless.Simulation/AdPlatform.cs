using System.Globalization;
using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Interactions;

namespace LiveServerless.Simulation;

/// <summary>
/// The function app reduced to its ad path, making the same domain calls in the same order: two serving instances, each with its own
/// lease wallet and index refreshed from the documents; an ingest that verifies impression tokens; a four-partition stream with
/// checkpoints; a tracking processor that sometimes crashes between its two writes and replays; the lease refresher; the pacing timer.
/// The documents are dictionaries instead of Cosmos DB. Only the throttle a refresh copies into the index depends on the strategy.
/// </summary>
internal sealed class AdPlatform
{
    public static readonly byte[] TokenKey = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

    private const int PartitionCount = 4;

    private const double CrashProbability = 0.02;

    private readonly AdPolicy _policy = AdPolicy.Default;
    private readonly Func<ServingCampaign, double> _throttle;
    private readonly Dictionary<string, Campaign> _campaigns;
    private readonly Dictionary<string, CampaignDelivery> _deliveries;
    private readonly Dictionary<LedgerKey, UserAdLedger> _ledgers = [];
    private readonly (LeaseWallet Wallet, CampaignIndex Index)[] _instances;
    private readonly List<StreamedInteraction>[] _partitions = Enumerable.Range(0, PartitionCount).Select(_ => new List<StreamedInteraction>()).ToArray();
    private readonly int[] _checkpoints = new int[PartitionCount];
    private readonly Dictionary<(string UserId, string CampaignId, DateOnly Day), int> _shown = [];

    public AdPlatform(IEnumerable<Campaign> campaigns, Func<ServingCampaign, double> throttle)
    {
        _throttle = throttle;
        _campaigns = campaigns.ToDictionary(c => c.Id);
        _deliveries = _campaigns.Values.ToDictionary(c => c.Id, CampaignDelivery.Start);
        _instances = [(new LeaseWallet("i1", _policy), CampaignIndex.Empty), (new LeaseWallet("i2", _policy), CampaignIndex.Empty)];
    }

    public IReadOnlyDictionary<string, Campaign> Campaigns => _campaigns;

    public IReadOnlyDictionary<string, CampaignDelivery> Deliveries => _deliveries;

    public int TokensRejected { get; private set; }

    public int Crashes { get; private set; }

    public int BudgetViolations { get; private set; }

    public int FrequencyViolations => _shown.Count(s => s.Value > _campaigns[s.Key.CampaignId].FrequencyCapPerDay);

    /// <summary>The decision endpoint: the viewer's ledger is read, the decision made in memory, the ledger written before answering.</summary>
    public AdPlacement? Serve(SimRequest request, int instance, string impressionId)
    {
        var key = new LedgerKey(World.TenantId, request.User.Id);
        var ledger = _ledgers.GetValueOrDefault(key) ?? UserAdLedger.Empty(World.TenantId, request.User.Id);
        var (wallet, index) = _instances[instance];
        var placement = AdServing.Serve(
            World.RequestFor(request.User, request.Room), index, wallet, ledger, impressionId, TokenKey, SettledUntil(request.At), request.At);
        if (placement is not null)
        {
            _ledgers[key] = placement.Ledger;
        }

        return placement;
    }

    /// <summary>The interactions endpoint: a token that does not verify for this viewer now is refused; a good one becomes a stream event.</summary>
    public void Ingest(string token, InteractionType type, SimUser user, DateTimeOffset at)
    {
        var verdict = ImpressionToken.Verify(token, TokenKey, World.TenantId, user.Id, at);
        if (verdict.Token is not { } verified)
        {
            TokensRejected++;
            return;
        }

        var partition = PartitionOf(user.Id);
        var log = _partitions[partition];
        var interaction = new Interaction
        {
            Id = $"{partition}-{log.Count}", TenantId = World.TenantId, UserId = user.Id, RoomId = verified.RoomId, Type = type, OccurredAt = at,
            CampaignId = verified.CampaignId, ImpressionId = verified.ImpressionId,
        };
        log.Add(new StreamedInteraction(interaction, partition.ToString(CultureInfo.InvariantCulture), log.Count));
    }

    /// <summary>One run of the tracking processor over every partition, from its checkpoint; a crash strikes between the two writes.</summary>
    public void ProcessStream(Random random)
    {
        for (var partition = 0; partition < PartitionCount; partition++)
        {
            var batch = _partitions[partition].Skip(_checkpoints[partition]).ToArray();
            if (batch.Length == 0)
            {
                continue;
            }

            // Load only the documents the batch touches, as the app does with point reads.
            var ledgers = AdTracking.LedgersOf(batch).Where(_ledgers.ContainsKey).ToDictionary(key => key, key => _ledgers[key]);
            var deliveries = AdTracking.CampaignsOf(batch).Where(_deliveries.ContainsKey).ToDictionary(id => id, id => _deliveries[id]);
            var result = AdTracking.Apply(batch, ledgers, deliveries, _policy.ClickDwell);
            foreach (var delivery in result.Deliveries)
            {
                Write(delivery);
            }

            if (random.NextDouble() < CrashProbability)
            {
                Crashes++;
                continue;
            }

            foreach (var ledger in result.Ledgers)
            {
                _ledgers[LedgerKey.Of(ledger)] = ledger;
            }

            _checkpoints[partition] = _partitions[partition].Count;
            foreach (var shown in result.Outcomes.Where(o => o.CountsImpression))
            {
                var viewer = batch.First(e => e.SequenceNumber == shown.SequenceNumber).Interaction.UserId;
                var key = (viewer, shown.CampaignId, shown.ServedDay);
                _shown[key] = _shown.GetValueOrDefault(key) + 1;
            }
        }
    }

    /// <summary>An instance's refresh: rebuild the index from the documents, then sync the wallet's leases with each document that needs it.</summary>
    public void Refresh(int instance, DateTimeOffset now)
    {
        var serving = _campaigns.Values.Select(c => ServingCampaign.From(c, _deliveries[c.Id], now)).Select(s => s.WithThrottle(_throttle(s)));
        var index = CampaignIndex.Build(serving);
        var wallet = _instances[instance].Wallet;
        _instances[instance] = (wallet, index);
        foreach (var sync in wallet.Sync(index.Campaigns, now))
        {
            var (delivery, lease) = _deliveries[sync.CampaignId].Sync(_campaigns[sync.CampaignId], sync, _policy, SettledUntil(now), now);
            Write(delivery);
            if (lease is not null)
            {
                wallet.Install(lease);
            }
        }
    }

    /// <summary>The pacing timer, at each slot boundary.</summary>
    public void PacingTimer(DateTimeOffset now)
    {
        foreach (var campaign in _campaigns.Values.ToArray())
        {
            var (ticked, delivery) = PacingController.Tick(campaign, _deliveries[campaign.Id], TrafficCurve.Default, SettledUntil(now), now);
            _campaigns[campaign.Id] = ticked;
            Write(delivery);
        }
    }

    /// <summary>Every ad event up to this time has been applied: just before the oldest event not yet checkpointed.</summary>
    private DateTimeOffset SettledUntil(DateTimeOffset now) =>
        _partitions.Select((log, p) => _checkpoints[p] < log.Count ? log[_checkpoints[p]].Interaction.OccurredAt.AddTicks(-1) : now).Min();

    /// <summary>Stores a delivery and checks it against both budgets, as an auditor would after every write.</summary>
    private void Write(CampaignDelivery delivery)
    {
        var campaign = _campaigns[delivery.CampaignId];
        var overDaily = campaign.DailyBudget is { } daily && delivery.DailySpend.Values.Any(spent => spent > daily);
        BudgetViolations += delivery.Spend > campaign.TotalBudget || overDaily ? 1 : 0;
        _deliveries[delivery.CampaignId] = delivery;
    }

    private static int PartitionOf(string userId) => (int)(PacingThrottle.KeyOf(userId) % PartitionCount);
}
