namespace LiveServerless.Domain.Profiles;

/// <summary>
/// Ad impressions and clicks in one context, and the click-through rate they predict. Raw clicks/impressions is useless for small
/// counts (0/3 is not 0 %), so the estimate is the posterior mean under a Beta(α, β) prior: (clicks + α) / (impressions + α + β).
/// α = 1, β = 99 says "about 1 %, worth 100 impressions of evidence" — a user's own rate takes over after a few hundred impressions.
/// </summary>
public sealed record AdClickStats(long Impressions, long Clicks)
{
    public const double PriorClicks = 1;

    public const double PriorNonClicks = 99;

    public static AdClickStats None { get; } = new(0, 0);

    /// <summary>The posterior mean; a method, not a property, so the derived rate is not stored with the counts.</summary>
    public double PredictedCtr() => Math.Min(1, (Clicks + PriorClicks) / (Impressions + PriorClicks + PriorNonClicks));

    public AdClickStats WithImpression() => this with { Impressions = Impressions + 1 };

    public AdClickStats WithClick() => this with { Clicks = Clicks + 1 };
}
