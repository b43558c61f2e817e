namespace LiveServerless.Domain.Ads;

/// <summary>
/// What an impression may cost and what each tracked event costs: the one place where prices become amounts.
/// The budget proof rests on <c>CostOf(impression) + CostOf(click) ≤ MaxCostPerImpression</c> for every bid type,
/// because tracking bills at most one impression and one click per impression id.
/// </summary>
public static class AdPricing
{
    /// <summary>CPC reserves for this many billed clicks per impression; tracking never bills a second click on the same impression.</summary>
    public const int MaxBilledClicksPerImpression = 1;

    public static decimal MaxCostPerImpression(BidType bidType, decimal bid) =>
        bidType == BidType.Cpm ? bid / 1000m : bid * MaxBilledClicksPerImpression;

    public static decimal CostOf(BidType bidType, decimal bid, AdEventKind kind) => (bidType, kind) switch
    {
        (BidType.Cpm, AdEventKind.Impression) => bid / 1000m,
        (BidType.Cpc, AdEventKind.Click) => bid,
        _ => 0m,
    };
}
