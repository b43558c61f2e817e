using LiveServerless.Domain.Common;
using LiveServerless.Domain.Interactions;

namespace LiveServerless.Domain.Ads;

/// <summary>
/// A campaign's delivery state: one document per campaign (partition key = campaign id), written by the stream handler (outcomes),
/// the lease refresher (grants) and the pacing timer (settlement, throttle). Read-only to partners.
/// <para>
/// Budget invariant, kept by every method: <c>Spend + Σ open leases' unspent ≤ TotalBudget</c>, and for each day with a daily budget
/// <c>DailySpend[day] + Σ that day's open leases' unspent ≤ DailyBudget</c>. Grants only hand out what is available, a charge is billed
/// only within its lease's unspent amount, closing only shrinks a lease, and settlement only removes leases no charge can reach any
/// more. Hence spend never passes either budget, whatever arrives on the stream.
/// </para>
/// </summary>
public sealed record CampaignDelivery(
    string CampaignId,
    string TenantId,
    decimal Spend,
    decimal Unbilled,
    long Impressions,
    long Clicks,
    IReadOnlyDictionary<DateOnly, decimal> DailySpend,
    IReadOnlyDictionary<DateTimeOffset, decimal> SlotSpend,
    IReadOnlyList<BudgetLease> Leases,
    long LeasesGranted,
    PacingState Pacing,
    StreamWatermarks Watermarks)
{
    /// <summary>Per-slot spend (the pacing curve) is kept this long; daily spend is kept for the whole flight.</summary>
    public static readonly TimeSpan SlotRetention = TimeSpan.FromDays(7);

    public static CampaignDelivery Start(Campaign campaign) => new(
        campaign.Id, campaign.TenantId, 0m, 0m, 0, 0, new Dictionary<DateOnly, decimal>(), new Dictionary<DateTimeOffset, decimal>(), [], 0,
        PacingState.Initial, StreamWatermarks.None);

    /// <summary>Spend charged to impressions served on <paramref name="day"/> (clicks count on the day their impression was served).</summary>
    public decimal SpentOn(DateOnly day) => DailySpend.GetValueOrDefault(day);

    public decimal SpentInSlot(DateTimeOffset slotStart) => SlotSpend.GetValueOrDefault(slotStart);

    /// <summary>Budget free for new leases now: what neither charges nor open leases hold, under both the total and today's budget.</summary>
    public decimal Available(Campaign campaign, DateTimeOffset now)
    {
        var total = campaign.TotalBudget - Spend - Leases.Sum(l => l.Unspent());
        if (campaign.DailyBudget is not { } daily)
        {
            return Math.Max(0m, total);
        }

        var day = PacingSlot.DayOf(now);
        var today = daily - SpentOn(day) - Leases.Where(l => l.Day == day).Sum(l => l.Unspent());
        return Math.Max(0m, Math.Min(total, today));
    }

    /// <summary>
    /// An instance's refresh, in one write: close the leases it stopped issuing from, settle what the stream has passed, and grant the
    /// lease it wants, if any.
    /// </summary>
    public (CampaignDelivery Delivery, BudgetLease? Lease) Sync(
        Campaign campaign, LeaseSync sync, AdPolicy policy, DateTimeOffset settledUntil, DateTimeOffset now)
    {
        var settled = sync.Closed.Aggregate(this, (delivery, closure) => delivery.Close(closure)).Settle(settledUntil);
        return sync.Wanted > 0m ? settled.GrantLease(campaign, sync.HolderId, sync.Wanted, policy, now) : (settled, null);
    }

    /// <summary>
    /// Grants a lease of at most <paramref name="wanted"/> and at most <see cref="AdPolicy.MaxLeaseShare"/> of what is available (but
    /// always enough for one impression), issuing until the lease window, the end of the UTC day or the end of the flight, whichever is
    /// first. No lease when the campaign is not serving or cannot pay for one more impression.
    /// </summary>
    public (CampaignDelivery Delivery, BudgetLease? Lease) GrantLease(Campaign campaign, string holderId, decimal wanted, AdPolicy policy, DateTimeOffset now)
    {
        var maxCost = campaign.MaxCostPerImpression();
        var available = Available(campaign, now);
        if (campaign.Id != CampaignId || campaign.Status != CampaignStatus.Active || !campaign.IsInFlight(now) || available < maxCost)
        {
            return (this, null);
        }

        var day = PacingSlot.DayOf(now);
        var amount = Math.Min(available, Math.Max(maxCost, Math.Min(wanted, available * policy.MaxLeaseShare)));
        var issueUntil = Earliest(now + policy.LeaseWindow, PacingSlot.StartOfDay(day.AddDays(1)), campaign.EndsAt);
        var lease = new BudgetLease(
            $"L{LeasesGranted + 1}", CampaignId, holderId, day, amount, 0m, now, issueUntil, issueUntil + policy.TokenLifetime);
        return (this with { Leases = [.. Leases, lease], LeasesGranted = LeasesGranted + 1 }, lease);
    }

    /// <summary>
    /// Shrinks a lease whose holder has stopped issuing from it to what its tokens may still cost: the unreserved rest returns to the
    /// budget now rather than at settlement. Never below what was already charged, never above the lease.
    /// </summary>
    public CampaignDelivery Close(LeaseClosure closure) => this with
    {
        Leases = Leases.Select(l => l.Id == closure.LeaseId ? l with { Amount = Math.Min(l.Amount, Math.Max(l.Spent, closure.Reserved)) } : l).ToArray(),
    };

    /// <summary>
    /// Applies tracking outcomes (those of other campaigns are ignored), each exactly once: an outcome at or below its partition's watermark
    /// was applied by an earlier write, and one stream position is applied once per call, in whatever order the outcomes come (a batch's
    /// outcomes are grouped by viewer, not by position). Impressions and clicks are always counted; a cost is billed only against its open
    /// lease and within its unspent amount. A cost that cannot be billed is added to <see cref="Unbilled"/> instead: the impression was
    /// shown for free rather than past the budget.
    /// </summary>
    public CampaignDelivery Apply(IEnumerable<AdOutcome> outcomes)
    {
        var marks = Watermarks;
        var positions = new HashSet<(string PartitionId, long SequenceNumber)>();
        var (spend, unbilled, impressions, clicks) = (Spend, Unbilled, Impressions, Clicks);
        var daily = new Dictionary<DateOnly, decimal>(DailySpend);
        var slots = new Dictionary<DateTimeOffset, decimal>(SlotSpend);
        var leases = Leases.ToList();
        foreach (var outcome in outcomes.Where(o => o.CampaignId == CampaignId))
        {
            if (Watermarks.IsApplied(outcome.PartitionId, outcome.SequenceNumber) || !positions.Add((outcome.PartitionId, outcome.SequenceNumber)))
            {
                continue;
            }

            marks = marks.Advance(outcome.PartitionId, outcome.SequenceNumber);
            impressions += outcome.CountsImpression ? 1 : 0;
            clicks += outcome.CountsClick ? 1 : 0;
            if (outcome.Cost == 0m)
            {
                continue;
            }

            var index = leases.FindIndex(l => l.Id == outcome.LeaseId);
            if (index < 0 || outcome.Cost > leases[index].Unspent())
            {
                unbilled += outcome.Cost;
                continue;
            }

            // The day is the lease's, which the grant checked against that day's budget (it is also the day the ad was served).
            var lease = leases[index];
            leases[index] = lease with { Spent = lease.Spent + outcome.Cost };
            spend += outcome.Cost;
            daily[lease.Day] = daily.GetValueOrDefault(lease.Day) + outcome.Cost;
            var slot = PacingSlot.StartOf(outcome.OccurredAt);
            slots[slot] = slots.GetValueOrDefault(slot) + outcome.Cost;
        }

        return this with
        {
            Spend = spend,
            Unbilled = unbilled,
            Impressions = impressions,
            Clicks = clicks,
            DailySpend = daily,
            SlotSpend = slots,
            Leases = leases,
            Watermarks = marks,
        };
    }

    /// <summary>
    /// Removes the leases whose tokens had all expired by <paramref name="settledUntil"/>, returning their unspent rest to the budget, and
    /// drops slot spend older than <see cref="SlotRetention"/>. <paramref name="settledUntil"/> must be a time up to which every ad event
    /// has been applied (the stream's oldest checkpointed event time minus clock skew), so no charge for a closed lease can still arrive.
    /// </summary>
    public CampaignDelivery Settle(DateTimeOffset settledUntil)
    {
        var keepSlotsFrom = PacingSlot.StartOf(settledUntil - SlotRetention);
        return this with
        {
            Leases = Leases.Where(l => l.TokensExpireBy > settledUntil).ToArray(),
            SlotSpend = SlotSpend.Where(s => s.Key >= keepSlotsFrom).ToDictionary(),
        };
    }

    /// <summary>
    /// Refuses a budget change that would leave the budget below what is already spent or promised to open leases: such a change would make
    /// the invariant false at once. Call it with the updated campaign before storing a PATCH.
    /// </summary>
    public void EnsureBudgetsCover(Campaign campaign, DateTimeOffset now)
    {
        var day = PacingSlot.DayOf(now);
        var committedTotal = Spend + Leases.Sum(l => l.Unspent());
        var committedToday = SpentOn(day) + Leases.Where(l => l.Day == day).Sum(l => l.Unspent());
        new FieldErrors()
            .When(campaign.TotalBudget < committedTotal, "totalBudget", $"must cover the {committedTotal} already spent or reserved")
            .When(campaign.DailyBudget < committedToday, "dailyBudget", $"must cover the {committedToday} already spent or reserved today")
            .ThrowIfAny();
    }

    public CampaignDelivery WithPacing(PacingState pacing) => this with { Pacing = pacing };

    private static DateTimeOffset Earliest(params ReadOnlySpan<DateTimeOffset> times)
    {
        var earliest = times[0];
        foreach (var time in times)
        {
            earliest = time < earliest ? time : earliest;
        }

        return earliest;
    }
}
