namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>Valid campaign bodies for POST /api/campaigns, every field overridable.</summary>
public static class CampaignBodies
{
    /// <summary>
    /// A campaign that runs from <paramref name="startsAt"/> (default: tomorrow, so fixtures that only need a campaign id never take
    /// budget leases) for a week. Amounts are decimals; a CPM bid is per 1,000 impressions.
    /// </summary>
    public static Dictionary<string, object?> Valid(
        string bidType = "cpm",
        decimal bid = 2m,
        decimal totalBudget = 100m,
        decimal? dailyBudget = null,
        DateTimeOffset? startsAt = null,
        TimeSpan? flight = null,
        string[]? tags = null,
        string[]? segments = null,
        string[]? categories = null,
        int frequencyCapPerDay = 1000,
        string name = "Spring sale")
    {
        var starts = startsAt ?? DateTimeOffset.UtcNow.AddDays(1);
        return new Dictionary<string, object?>
        {
            ["name"] = name,
            ["bidType"] = bidType,
            ["bid"] = bid,
            ["totalBudget"] = totalBudget,
            ["dailyBudget"] = dailyBudget,
            ["startsAt"] = starts,
            ["endsAt"] = starts + (flight ?? TimeSpan.FromDays(7)),
            ["targeting"] = new { tags = tags ?? [], segments = segments ?? [], categories = categories ?? [] },
            ["frequencyCapPerDay"] = frequencyCapPerDay,
            ["creative"] = new { title = "Buy now", imageUrl = "https://cdn.example.com/ad.png", clickUrl = "https://shop.example.com/sale" },
        };
    }

    /// <summary>A campaign serving from now on.</summary>
    public static Dictionary<string, object?> Serving(
        string bidType = "cpm", decimal bid = 2m, decimal totalBudget = 100m, string[]? tags = null, string[]? segments = null, string[]? categories = null) =>
        Valid(bidType, bid, totalBudget, startsAt: DateTimeOffset.UtcNow.AddMinutes(-1), tags: tags, segments: segments, categories: categories);
}
