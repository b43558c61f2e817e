namespace LiveServerless.Domain.Ads;

/// <summary>What a partner sees about a campaign's delivery.</summary>
public sealed record CampaignReport(
    string CampaignId,
    long Impressions,
    long Clicks,
    double Ctr,
    decimal Spend,
    decimal RemainingBudget,
    IReadOnlyList<PacingPoint> Pacing)
{
    /// <summary>The pacing curve covers the flight's slots up to now, within the retained slot history.</summary>
    public static CampaignReport Build(Campaign campaign, CampaignDelivery delivery, TrafficCurve curve, DateTimeOffset now)
    {
        var first = PacingSlot.StartOf(Max(campaign.StartsAt, now - CampaignDelivery.SlotRetention));
        var last = PacingSlot.StartOf(Min(now, campaign.EndsAt - TimeSpan.FromTicks(1)));
        var plans = new Dictionary<DateOnly, DayPlan>();
        var pacing = new List<PacingPoint>();
        for (var slot = first; slot <= last; slot += PacingSlot.Length)
        {
            var day = PacingSlot.DayOf(slot);
            if (!plans.TryGetValue(day, out var plan))
            {
                plans[day] = plan = PacingPlan.ForDay(campaign, delivery, curve, day);
            }

            pacing.Add(new PacingPoint(slot, plan.Slots[PacingSlot.IndexInDay(slot)], delivery.SpentInSlot(slot)));
        }

        var ctr = delivery.Impressions == 0 ? 0 : (double)delivery.Clicks / delivery.Impressions;
        return new CampaignReport(
            campaign.Id, delivery.Impressions, delivery.Clicks, ctr, delivery.Spend, campaign.TotalBudget - delivery.Spend, pacing);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>One slot of the pacing curve: planned against actual spend.</summary>
public sealed record PacingPoint(DateTimeOffset SlotStart, decimal PlannedSpend, decimal ActualSpend);
