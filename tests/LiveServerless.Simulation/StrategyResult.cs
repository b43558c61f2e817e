using LiveServerless.Domain.Ads;

namespace LiveServerless.Simulation;

/// <summary>One campaign's day: plan against actual per slot, and what the tracking counted against what viewers did.</summary>
internal sealed record CampaignResult(
    string Id,
    decimal Target,
    decimal Spend,
    long Impressions,
    long Clicks,
    decimal[] Planned,
    decimal[] Actual,
    bool CountsExact)
{
    public double Rmse => Math.Sqrt(Planned.Zip(Actual).Average(p => Math.Pow((double)(p.First - p.Second), 2)));

    /// <summary>RMSE relative to the mean planned slot spend, so campaigns of different sizes weigh alike.</summary>
    public double RelativeRmse => Rmse / (double)Planned.Average();

    public double BudgetUsed => (double)(Spend / Target);

    /// <summary>When the campaign's spend stopped for the day (the end of its last slot with spend), a sign of running out early.</summary>
    public string LastSpend
    {
        get
        {
            var end = PacingSlot.Length * (Array.FindLastIndex(Actual, a => a > 0) + 1);
            return $"{(int)end.TotalHours:00}:{end.Minutes:00}";
        }
    }
}

/// <summary>A strategy's day over all campaigns.</summary>
internal sealed record StrategyResult(
    string Name,
    CampaignResult[] Campaigns,
    int BudgetViolations,
    int FrequencyViolations,
    int TokensRejected,
    int Crashes,
    decimal Unbilled)
{
    public decimal Spend => Campaigns.Sum(c => c.Spend);

    public long Clicks => Campaigns.Sum(c => c.Clicks);

    public long Impressions => Campaigns.Sum(c => c.Impressions);

    public double MeanRmse => Campaigns.Average(c => c.Rmse);

    public double MeanRelativeRmse => Campaigns.Average(c => c.RelativeRmse);

    public double BudgetUsed => (double)(Spend / Campaigns.Sum(c => c.Target));

    public double ClicksPerUnitSpend => (double)Clicks / (double)Spend;

    public bool CountsExact => Campaigns.All(c => c.CountsExact);

    public decimal CumulativeSpendBy(int slot) => Campaigns.Sum(c => c.Actual.Take(slot).Sum());

    public static StrategyResult From(string name, World world, AdPlatform platform, Truth truth)
    {
        var day = PacingSlot.DayOf(world.Day);
        var campaigns = world.Campaigns.Select(c =>
        {
            var campaign = c.Campaign;
            var delivery = platform.Deliveries[campaign.Id];
            var plan = PacingPlan.ForDay(campaign, CampaignDelivery.Start(campaign), TrafficCurve.Default, day);
            var actual = Enumerable.Range(0, PacingSlot.PerDay).Select(i => delivery.SpentInSlot(world.Day + (i * PacingSlot.Length))).ToArray();
            var (rendered, clicked) = truth.Of(campaign.Id);
            return new CampaignResult(
                campaign.Id, plan.Target, delivery.SpentOn(day), delivery.Impressions, delivery.Clicks, [.. plan.Slots], actual,
                delivery.Impressions == rendered && delivery.Clicks == clicked);
        }).ToArray();
        return new StrategyResult(
            name, campaigns, platform.BudgetViolations, platform.FrequencyViolations, platform.TokensRejected, platform.Crashes,
            platform.Deliveries.Values.Sum(d => d.Unbilled));
    }
}
