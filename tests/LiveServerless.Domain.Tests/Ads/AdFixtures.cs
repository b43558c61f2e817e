using LiveServerless.Domain.Ads;

namespace LiveServerless.Domain.Tests.Ads;

/// <summary>Builders for the tests: a valid campaign by default, every field overridable.</summary>
internal static class AdFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    public static readonly byte[] TokenKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static NewCampaign Draft(
        BidType bidType = BidType.Cpm,
        decimal bid = 5m,
        decimal totalBudget = 100m,
        decimal? dailyBudget = null,
        TargetingDraft? targeting = null,
        int frequencyCap = 3,
        DateTimeOffset? startsAt = null,
        DateTimeOffset? endsAt = null) =>
        new(
            "Spring sale", bidType, bid, totalBudget, dailyBudget, startsAt ?? Now.AddHours(-12), endsAt ?? Now.AddDays(2), targeting,
            frequencyCap, new CreativeDraft("Buy now", "https://cdn.example.com/a.png", "https://shop.example.com/sale"));

    public static Campaign TestCampaign(
        string id = "c1",
        string tenantId = "t1",
        BidType bidType = BidType.Cpm,
        decimal bid = 5m,
        decimal totalBudget = 100m,
        decimal? dailyBudget = null,
        TargetingDraft? targeting = null,
        int frequencyCap = 3,
        DateTimeOffset? startsAt = null,
        DateTimeOffset? endsAt = null) =>
        Domain.Ads.Campaign.Create(
            tenantId, Draft(bidType, bid, totalBudget, dailyBudget, targeting, frequencyCap, startsAt, endsAt), Now.AddDays(-1)) with { Id = id };

    public static TargetingDraft Targets(string[]? tags = null, string[]? segments = null, string[]? categories = null) =>
        new(tags, segments, categories);

    public static AdRequest Request(
        string tenantId = "t1",
        string? category = "music",
        string[]? roomTags = null,
        string[]? segments = null,
        string[]? interests = null,
        Dictionary<string, double>? categoryCtr = null,
        string userId = "u1") =>
        AdRequest.Create(
            tenantId, "r1", category, roomTags ?? [], AdAudience.Create(userId, segments ?? [], interests ?? [], categoryCtr));

    public static ServingCampaign Serving(Campaign campaign, double throttle = 1, CtrStats ctr = default) =>
        new(campaign, ctr, throttle, campaign.TotalBudget);

    /// <summary>A wallet holding a lease granted the way the app grants one, so the whole budget of each campaign can be reserved.</summary>
    public static LeaseWallet WalletFor(params Campaign[] campaigns)
    {
        var policy = AdPolicy.Default with { MaxLeaseShare = 1m, LeaseWindow = TimeSpan.FromDays(1) };
        var wallet = new LeaseWallet("i1", policy);
        foreach (var campaign in campaigns)
        {
            var (_, lease) = CampaignDelivery.Start(campaign)
                .GrantLease(campaign, "i1", campaign.TotalBudget, policy, Now);
            wallet.Install(lease!);
        }

        return wallet;
    }

    public static IReadOnlyDictionary<string, int> NoneServed { get; } = new Dictionary<string, int>();
}
