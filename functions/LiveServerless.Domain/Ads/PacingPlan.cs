namespace LiveServerless.Domain.Ads;

/// <summary>
/// How much a campaign should spend in each slot of a day. The day's target spreads the budget left at the start of the day over the
/// rest of the flight in proportion to expected traffic (so a flight that starts at noon plans half a day for its first day), capped by
/// the daily budget; within the day the target follows the traffic curve. Spend before the day is read from the delivery document.
/// </summary>
public static class PacingPlan
{
    public static DayPlan ForDay(Campaign campaign, CampaignDelivery delivery, TrafficCurve curve, DateOnly day)
    {
        var weights = InFlightWeights(campaign, curve, day);
        var dayWeight = weights.Sum();
        if (dayWeight <= 0)
        {
            return new DayPlan(day, 0m, new decimal[PacingSlot.PerDay], weights);
        }

        var spentBefore = delivery.DailySpend.Where(d => d.Key < day).Sum(d => d.Value);
        var flightWeightLeft = dayWeight + LaterDays(campaign, day).Sum(d => InFlightWeights(campaign, curve, d).Sum());
        var share = (decimal)(dayWeight / flightWeightLeft);
        var target = Math.Max(0m, (campaign.TotalBudget - spentBefore) * share);
        target = campaign.DailyBudget is { } daily ? Math.Min(target, daily) : target;
        var slots = weights.Select(w => target * (decimal)(w / dayWeight)).ToArray();
        return new DayPlan(day, target, slots, weights);
    }

    /// <summary>The curve's weight of each slot of the day that overlaps the flight, zero for the others.</summary>
    public static double[] InFlightWeights(Campaign campaign, TrafficCurve curve, DateOnly day)
    {
        var dayStart = PacingSlot.StartOfDay(day);
        return Enumerable.Range(0, PacingSlot.PerDay)
            .Select(i => dayStart + (i * PacingSlot.Length))
            .Select((slot, i) => slot < campaign.EndsAt && slot + PacingSlot.Length > campaign.StartsAt ? curve.Weights[i] : 0)
            .ToArray();
    }

    private static IEnumerable<DateOnly> LaterDays(Campaign campaign, DateOnly day)
    {
        var lastDay = PacingSlot.DayOf(campaign.EndsAt - TimeSpan.FromTicks(1));
        for (var next = day.AddDays(1); next <= lastDay; next = next.AddDays(1))
        {
            yield return next;
        }
    }
}

/// <summary>A day's planned spend: the target, its split per slot (index = slot of the day), and the traffic weights it followed.</summary>
public sealed record DayPlan(DateOnly Day, decimal Target, IReadOnlyList<decimal> Slots, IReadOnlyList<double> Weights);
