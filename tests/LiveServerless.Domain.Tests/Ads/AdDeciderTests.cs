using LiveServerless.Domain.Ads;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;

namespace LiveServerless.Domain.Tests.Ads;

public sealed class AdDeciderTests
{
    private static AdDecision? Decide(AdRequest request, LeaseWallet wallet, IReadOnlyDictionary<string, int>? served = null, params ServingCampaign[] campaigns) =>
        AdDecider.Decide(request, campaigns, served ?? NoneServed, wallet, "imp1", Now);

    /// <summary>The lease comes from a serving twin of the campaign, so only the campaign's own state can make it ineligible.</summary>
    private static AdDecision? DecideAlone(Campaign campaign, AdRequest? request = null, double throttle = 1) =>
        Decide(request ?? Request(), WalletFor(TestCampaign(campaign.Id)), null, Serving(campaign, throttle));

    [Fact]
    public void Decide_EligibleCampaign_WinsWithItsMaximumCostReserved()
    {
        var decision = DecideAlone(TestCampaign(bid: 5m));

        Assert.NotNull(decision);
        Assert.Equal("c1", decision.Campaign.Id);
        Assert.Equal(0.005m, decision.Reservation.Amount);
        Assert.Equal(Now + AdPolicy.Default.TokenLifetime, decision.ExpiresAt);
    }

    [Fact]
    public void Decide_PausedCampaign_IsNotEligible() => Assert.Null(DecideAlone(TestCampaign().Pause(Now)));

    [Fact]
    public void Decide_BeforeOrAfterTheFlight_IsNotEligible()
    {
        Assert.Null(DecideAlone(TestCampaign(startsAt: Now.AddHours(1), endsAt: Now.AddDays(1))));
        Assert.Null(DecideAlone(TestCampaign(startsAt: Now.AddDays(-1), endsAt: Now)));
    }

    [Fact]
    public void Decide_OtherTenantsCampaign_IsNotEligible() => Assert.Null(DecideAlone(TestCampaign(tenantId: "t2")));

    [Fact]
    public void Decide_TargetingMismatch_IsNotEligible() =>
        Assert.Null(DecideAlone(TestCampaign(targeting: Targets(categories: ["sports"])), Request(category: "music")));

    [Fact]
    public void Decide_FrequencyCapReached_IsNotEligible()
    {
        var campaign = TestCampaign(frequencyCap: 2);
        var wallet = WalletFor(campaign);

        Assert.NotNull(Decide(Request(), wallet, new Dictionary<string, int> { ["c1"] = 1 }, Serving(campaign)));
        Assert.Null(Decide(Request(), wallet, new Dictionary<string, int> { ["c1"] = 2 }, Serving(campaign)));
    }

    [Fact]
    public void Decide_WithoutALease_IsNotEligible() =>
        Assert.Null(Decide(Request(), new LeaseWallet("i1", AdPolicy.Default), null, Serving(TestCampaign())));

    [Fact]
    public void Decide_LeaseSpentDown_StopsServing()
    {
        var campaign = TestCampaign(bidType: BidType.Cpc, bid: 1m, totalBudget: 3m);
        var wallet = WalletFor(campaign);

        var served = Enumerable.Range(0, 5).Select(i => AdDecider.Decide(Request(), [Serving(campaign)], NoneServed, wallet, $"imp{i}", Now)).ToArray();

        Assert.Equal(3, served.Count(d => d is not null));
    }

    [Fact]
    public void Decide_ThrottleZero_NeverServes_ThrottleOne_AlwaysServes()
    {
        var campaign = TestCampaign();
        var wallet = WalletFor(campaign);

        Assert.All(Enumerable.Range(0, 50), i => Assert.Null(AdDecider.Decide(Request(), [Serving(campaign, 0)], NoneServed, wallet, $"imp{i}", Now)));
        Assert.All(Enumerable.Range(0, 50), i => Assert.NotNull(AdDecider.Decide(Request(), [Serving(campaign, 1)], NoneServed, wallet, $"imp{i}", Now)));
    }

    [Fact]
    public void Decide_ThrottleHalf_ServesAboutHalf_AndTheSameWayForTheSameImpressionId()
    {
        var campaign = TestCampaign(totalBudget: 1000m);
        var wallet = WalletFor(campaign);

        var first = Enumerable.Range(0, 2000).Select(i => AdDecider.Decide(Request(), [Serving(campaign, 0.5)], NoneServed, wallet, $"imp{i}", Now) is not null).ToArray();
        var again = Enumerable.Range(0, 2000).Select(i => AdDecider.Decide(Request(), [Serving(campaign, 0.5)], NoneServed, wallet, $"imp{i}", Now) is not null).ToArray();

        Assert.InRange(first.Count(s => s), 900, 1100);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Decide_HighestCpmWins()
    {
        var cheap = TestCampaign("cheap", bid: 2m);
        var dear = TestCampaign("dear", bid: 3m);

        var decision = Decide(Request(), WalletFor(cheap, dear), null, Serving(cheap), Serving(dear));

        Assert.Equal("dear", decision?.Campaign.Id);
    }

    [Fact]
    public void Decide_CpcRanksByBidTimesPredictedCtr()
    {
        // CPM 5 is worth 0.005 per impression; CPC 1 at the 1% baseline is worth 0.01, but only 0.002 with a 0.2% click history.
        var cpm = TestCampaign("cpm", bid: 5m);
        var cpc = TestCampaign("cpc", bidType: BidType.Cpc, bid: 1m);
        var wallet = WalletFor(cpm, cpc);

        var fresh = Decide(Request(), wallet, null, Serving(cpm), Serving(cpc));
        var poor = Decide(Request(), wallet, null, Serving(cpm), Serving(cpc, ctr: new CtrStats(100_000, 200)));

        Assert.Equal("cpc", fresh?.Campaign.Id);
        Assert.Equal("cpm", poor?.Campaign.Id);
    }

    [Fact]
    public void Decide_ViewerWhoClicksInThisCategory_TipsTheBalanceToCpc()
    {
        var cpm = TestCampaign("cpm", bid: 8m);
        var cpc = TestCampaign("cpc", bidType: BidType.Cpc, bid: 0.5m);
        var wallet = WalletFor(cpm, cpc);

        var average = Decide(Request(), wallet, null, Serving(cpm), Serving(cpc));
        var clicker = Decide(Request(categoryCtr: new() { ["music"] = 0.03 }), wallet, null, Serving(cpm), Serving(cpc));

        Assert.Equal("cpm", average?.Campaign.Id);
        Assert.Equal("cpc", clicker?.Campaign.Id);
    }

    [Fact]
    public void Decide_EqualValue_BreaksTiesByCampaignId()
    {
        var b = TestCampaign("b");
        var a = TestCampaign("a");

        Assert.Equal("a", Decide(Request(), WalletFor(a, b), null, Serving(b), Serving(a))?.Campaign.Id);
    }

    [Fact]
    public void Decide_WinnerWithoutBudget_FallsBackToTheNextBest()
    {
        var dear = TestCampaign("dear", bid: 9m);
        var cheap = TestCampaign("cheap", bid: 1m);

        var decision = Decide(Request(), WalletFor(cheap), null, Serving(dear), Serving(cheap));

        Assert.Equal("cheap", decision?.Campaign.Id);
    }
}
