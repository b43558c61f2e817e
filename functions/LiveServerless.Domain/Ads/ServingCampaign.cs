namespace LiveServerless.Domain.Ads;

/// <summary>
/// A campaign as the decision path holds it in memory: its definition plus the delivery numbers ranking, pacing and lease requests
/// need, copied from its <see cref="CampaignDelivery"/> at each refresh. Everything a decision would otherwise recompute per request
/// (hash key, maximum cost, click-through estimate, value bound) is computed once here.
/// </summary>
public sealed class ServingCampaign
{
    private readonly double _bid;

    public ServingCampaign(Campaign campaign, CtrStats ctr, double throttle, decimal availableBudget)
    {
        Campaign = campaign;
        Ctr = ctr;
        Throttle = throttle;
        AvailableBudget = availableBudget;
        MaxCost = campaign.MaxCostPerImpression();
        ThrottleKey = PacingThrottle.KeyOf(campaign.Id);
        CampaignCtr = ClickModel.CampaignCtr(ctr);
        _bid = (double)campaign.Bid;
        ValueBound = ExpectedValue(Math.Min(1, CampaignCtr * ClickModel.MaxUserLift));
    }

    public Campaign Campaign { get; }

    public CtrStats Ctr { get; }

    public double Throttle { get; }

    /// <summary>Budget the delivery document could still lease at the last refresh; the wallet asks for no lease when it is too small.</summary>
    public decimal AvailableBudget { get; }

    /// <summary>What one impression may cost at most: the amount each decision reserves.</summary>
    public decimal MaxCost { get; }

    /// <summary>This campaign's side of the throttle draw.</summary>
    public ulong ThrottleKey { get; }

    /// <summary>The campaign's own click-through estimate (Beta-smoothed history).</summary>
    public double CampaignCtr { get; }

    /// <summary>
    /// The highest expected value this campaign can reach for any viewer: its CPM price, or its CPC bid at the largest viewer lift.
    /// The index hands out candidates in descending bound, so a decision stops once no remaining candidate can beat the best so far.
    /// </summary>
    public double ValueBound { get; }

    public static ServingCampaign From(Campaign campaign, CampaignDelivery delivery, DateTimeOffset now) =>
        new(campaign, new CtrStats(delivery.Impressions, delivery.Clicks), delivery.Pacing.Throttle, delivery.Available(campaign, now));

    public ServingCampaign WithThrottle(double throttle) => new(Campaign, Ctr, throttle, AvailableBudget);

    /// <summary>Expected revenue of one impression in currency units: CPM bid / 1000, or CPC bid × predicted CTR.</summary>
    public double ExpectedValue(double pctr) => Campaign.BidType == BidType.Cpm ? _bid / 1000 : _bid * pctr;
}
