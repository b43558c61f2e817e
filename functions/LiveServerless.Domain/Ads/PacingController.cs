namespace LiveServerless.Domain.Ads;

/// <summary>
/// Adjusts each campaign's throttle once per slot so that cumulative spend tracks the plan. The law:
/// <code>throttle = (today's target − spent today) ÷ (spend rate × traffic share left today)</code>
/// where the spend rate is what the campaign would spend per unit of traffic share at full speed, estimated as the ratio of decayed
/// observed spend to decayed exposure. On plan, this is the throttle that spends the rest of the target as traffic comes; behind or
/// ahead, it spreads the gap over the rest of the day instead of lurching; when traffic runs above or below the curve, the rate estimate
/// follows within a slot or two. Budgets themselves are enforced by leases, never by the throttle.
/// </summary>
public static class PacingController
{
    /// <summary>A throttled campaign still takes part in a few requests, so its spend rate stays measurable.</summary>
    public const double MinThrottle = 0.01;

    /// <summary>Weight of the past in the rate estimate per slot: a half-life of one slot follows a changing day quickly.</summary>
    public const double Memory = 0.5;

    /// <summary>The timer's work for one campaign: settle leases, step the controller, end the campaign when its flight or budget is over.</summary>
    public static (Campaign Campaign, CampaignDelivery Delivery) Tick(
        Campaign campaign, CampaignDelivery delivery, TrafficCurve curve, DateTimeOffset settledUntil, DateTimeOffset now)
    {
        var settled = delivery.Settle(settledUntil);
        var paced = campaign.Status == CampaignStatus.Active && campaign.IsInFlight(now)
            ? settled.WithPacing(Step(campaign, settled, curve, now))
            : settled;
        return (campaign.EndIfFinished(paced, now), paced);
    }

    /// <summary>Observes the slot that just ended and sets the throttle for the one starting at <paramref name="now"/>; idempotent per slot.</summary>
    public static PacingState Step(Campaign campaign, CampaignDelivery delivery, TrafficCurve curve, DateTimeOffset now)
    {
        var slot = PacingSlot.StartOf(now);
        if (delivery.Pacing.SteppedAt == slot)
        {
            return delivery.Pacing;
        }

        var observed = Observe(delivery.Pacing, campaign, delivery, curve, slot - PacingSlot.Length);
        var plan = PacingPlan.ForDay(campaign, delivery, curve, PacingSlot.DayOf(slot));
        var index = PacingSlot.IndexInDay(slot);
        var dayStart = PacingSlot.StartOfDay(plan.Day);
        var spentToday = Enumerable.Range(0, index).Sum(i => delivery.SpentInSlot(dayStart + (i * PacingSlot.Length)));
        var weightLeft = plan.Weights.Skip(index).Sum();
        var throttle = (observed.SpendRate(), weightLeft) switch
        {
            (_, <= 0) => observed.Throttle,
            (null, _) => observed.Throttle,
            ( <= 0, _) => 1,
            ({ } rate, _) => (double)(plan.Target - spentToday) / (rate * weightLeft),
        };
        return observed with { Throttle = Math.Clamp(throttle, MinThrottle, 1), SteppedAt = slot };
    }

    /// <summary>Adds the last slot's spend and exposure to the decayed sums; a slot the campaign did not take part in teaches nothing.</summary>
    private static PacingState Observe(PacingState state, Campaign campaign, CampaignDelivery delivery, TrafficCurve curve, DateTimeOffset slot)
    {
        var exposure = campaign.IsInFlight(slot) ? state.Throttle * curve.WeightAt(slot) : 0;
        if (exposure <= 0)
        {
            return state;
        }

        var spend = (double)delivery.SpentInSlot(slot);
        return state with
        {
            DecayedSpend = (Memory * state.DecayedSpend) + spend,
            DecayedExposure = (Memory * state.DecayedExposure) + exposure,
        };
    }
}
