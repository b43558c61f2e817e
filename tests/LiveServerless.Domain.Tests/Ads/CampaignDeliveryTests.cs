using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Common;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;
using static LiveServerless.Domain.Tests.Ads.TrackingFixtures;

namespace LiveServerless.Domain.Tests.Ads;

public sealed class CampaignDeliveryTests
{
    private static readonly AdPolicy Policy = AdPolicy.Default;

    private static (CampaignDelivery Delivery, BudgetLease? Lease) Grant(Campaign campaign, CampaignDelivery delivery, decimal amount, DateTimeOffset? at = null) =>
        delivery.GrantLease(campaign, "i1", amount, Policy, at ?? Now);

    [Fact]
    public void GrantLease_HandsOutAtMostTheLeaseShareOfWhatIsAvailable()
    {
        var campaign = TestCampaign(totalBudget: 100m);

        var (delivery, lease) = Grant(campaign, CampaignDelivery.Start(campaign), 1_000m);

        Assert.Equal(25m, lease?.Amount);
        Assert.Equal(75m, delivery.Available(campaign, Now));
        Assert.Equal(Now + Policy.LeaseWindow, lease?.IssueUntil);
        Assert.Equal(lease?.IssueUntil + Policy.TokenLifetime, lease?.TokensExpireBy);
    }

    [Fact]
    public void GrantLease_RespectsTheDailyBudget_AndEndsAtMidnight()
    {
        var campaign = TestCampaign(totalBudget: 100m, dailyBudget: 2m);
        var lateEvening = PacingSlot.StartOfDay(PacingSlot.DayOf(Now).AddDays(1)).AddSeconds(-20);

        var (delivery, lease) = Grant(campaign, CampaignDelivery.Start(campaign) with { DailySpend = new Dictionary<DateOnly, decimal> { [PacingSlot.DayOf(Now)] = 1.8m } }, 5m, lateEvening);

        Assert.Equal(0.05m, lease?.Amount);
        Assert.Equal(lateEvening.AddSeconds(20), lease?.IssueUntil);
        Assert.Equal(0.15m, delivery.Available(campaign, lateEvening));
    }

    [Fact]
    public void GrantLease_WhenOneImpressionCannotBePaid_GrantsNothing()
    {
        var campaign = TestCampaign(bidType: BidType.Cpc, bid: 1m, totalBudget: 10m);

        var (delivery, lease) = Grant(campaign, CampaignDelivery.Start(campaign) with { Spend = 9.5m }, 1m);

        Assert.Null(lease);
        Assert.Empty(delivery.Leases);
    }

    [Fact]
    public void GrantLease_PausedOrOutOfFlight_GrantsNothing()
    {
        var campaign = TestCampaign();

        Assert.Null(Grant(campaign.Pause(Now), CampaignDelivery.Start(campaign), 1m).Lease);
        Assert.Null(Grant(campaign, CampaignDelivery.Start(campaign), 1m, Now.AddDays(5)).Lease);
    }

    [Fact]
    public void Apply_BillsAgainstTheLease_AndCountsOnce()
    {
        var campaign = TestCampaign(bidType: BidType.Cpc, bid: 0.5m);
        var (ledger, delivery) = Serve(campaign, 2);
        var (_, outcomes) = ledger.Track([Shown("imp1", 1), Shown("imp2", 2), Clicked("imp1", 3), Clicked("imp2", 4)], Dwell);

        var applied = delivery.Apply(outcomes).Apply(outcomes);

        Assert.Equal(2, applied.Impressions);
        Assert.Equal(2, applied.Clicks);
        Assert.Equal(1m, applied.Spend);
        Assert.Equal(1m, applied.SpentOn(PacingSlot.DayOf(Now)));
        Assert.Equal(1m, applied.SpentInSlot(PacingSlot.StartOf(Now)));
        Assert.Equal(1m, applied.Leases[0].Spent);
    }

    [Fact]
    public void Apply_InAnyOrder_CountsEveryNewPositionOnce()
    {
        var campaign = TestCampaign(bidType: BidType.Cpc, bid: 0.5m);
        var (ledger, delivery) = Serve(campaign, 2);
        var (_, outcomes) = ledger.Track([Shown("imp1", 1), Shown("imp2", 2), Clicked("imp1", 3), Clicked("imp2", 4)], Dwell);
        var clicks = outcomes.Where(o => o.CountsClick).ToArray();

        var applied = delivery.Apply([clicks[1], clicks[0], clicks[1]]);

        Assert.Equal((2L, 1m), (applied.Clicks, applied.Spend));
    }

    [Fact]
    public void Apply_ChargeBeyondItsLease_IsNotBilled()
    {
        var campaign = TestCampaign(bidType: BidType.Cpc, bid: 0.5m);
        var (ledger, delivery) = Serve(campaign, 1);
        var (_, outcomes) = ledger.Track([Shown("imp1", 1), Clicked("imp1", 2)], Dwell);
        var tight = delivery with { Leases = [delivery.Leases[0] with { Amount = 0.4m }] };

        var applied = tight.Apply(outcomes);

        Assert.Equal(0m, applied.Spend);
        Assert.Equal(0.5m, applied.Unbilled);
        Assert.Equal(1, applied.Clicks);
    }

    [Fact]
    public void Apply_ChargeOfASettledLease_IsNotBilled()
    {
        var campaign = TestCampaign(bidType: BidType.Cpc, bid: 0.5m);
        var (ledger, delivery) = Serve(campaign, 1);
        var (_, outcomes) = ledger.Track([Shown("imp1", 1), Clicked("imp1", 2)], Dwell);

        var applied = delivery.Settle(delivery.Leases[0].TokensExpireBy).Apply(outcomes);

        Assert.Equal(0m, applied.Spend);
        Assert.Equal(0.5m, applied.Unbilled);
    }

    [Fact]
    public void Apply_IgnoresOtherCampaignsOutcomes()
    {
        var campaign = TestCampaign(bidType: BidType.Cpc, bid: 0.5m);
        var (ledger, delivery) = Serve(campaign, 1);
        var (_, outcomes) = ledger.Track([Shown("imp1", 1), Clicked("imp1", 2)], Dwell);

        Assert.Same(delivery.Watermarks, delivery.Apply(outcomes.Select(o => o with { CampaignId = "other" })).Watermarks);
    }

    [Fact]
    public void Settle_ReturnsTheUnspentRestOnlyOnceTokensHaveExpired()
    {
        var campaign = TestCampaign(totalBudget: 100m);
        var (delivery, lease) = Grant(campaign, CampaignDelivery.Start(campaign), 10m);

        Assert.Single(delivery.Settle(lease!.TokensExpireBy.AddTicks(-1)).Leases);
        Assert.Equal(100m, delivery.Settle(lease.TokensExpireBy).Available(campaign, Now));
    }

    [Fact]
    public void Close_ShrinksTheLeaseToWhatWasReserved_ButNeverBelowWhatWasCharged()
    {
        var campaign = TestCampaign(totalBudget: 100m);
        var (delivery, lease) = Grant(campaign, CampaignDelivery.Start(campaign), 10m);
        var charged = delivery with { Leases = [lease! with { Spent = 2m }] };

        Assert.Equal(3m, charged.Close(new LeaseClosure(lease.Id, 3m)).Leases[0].Amount);
        Assert.Equal(2m, charged.Close(new LeaseClosure(lease.Id, 1m)).Leases[0].Amount);
        Assert.Equal(10m, charged.Close(new LeaseClosure(lease.Id, 50m)).Leases[0].Amount);
    }

    [Fact]
    public void Sync_ClosesSettlesAndGrants_InOneWrite()
    {
        var campaign = TestCampaign(totalBudget: 100m);
        var (delivery, lease) = Grant(campaign, CampaignDelivery.Start(campaign), 10m);

        var (synced, next) = delivery.Sync(campaign, new LeaseSync("c1", "i1", [new LeaseClosure(lease!.Id, 1m)], 4m), Policy, Now, Now.AddMinutes(1));

        Assert.Equal([1m, 4m], synced.Leases.Select(l => l.Amount));
        Assert.Equal("L2", next?.Id);
    }

    [Fact]
    public void Settle_DropsSlotSpendPastRetention()
    {
        var campaign = TestCampaign();
        var old = PacingSlot.StartOf(Now - CampaignDelivery.SlotRetention - TimeSpan.FromHours(1));
        var delivery = CampaignDelivery.Start(campaign) with { SlotSpend = new Dictionary<DateTimeOffset, decimal> { [old] = 1m, [PacingSlot.StartOf(Now)] = 2m } };

        Assert.Equal([PacingSlot.StartOf(Now)], delivery.Settle(Now).SlotSpend.Keys);
    }

    [Fact]
    public void EnsureBudgetsCover_RefusesBudgetsBelowSpentAndReserved()
    {
        var campaign = TestCampaign(totalBudget: 100m, dailyBudget: 50m);
        var (delivery, _) = Grant(campaign, CampaignDelivery.Start(campaign) with { Spend = 30m, DailySpend = new Dictionary<DateOnly, decimal> { [PacingSlot.DayOf(Now)] = 30m } }, 5m);

        delivery.EnsureBudgetsCover(campaign with { TotalBudget = 35m, DailyBudget = 35m }, Now);
        var error = Assert.Throws<ValidationException>(() => delivery.EnsureBudgetsCover(campaign with { TotalBudget = 34m, DailyBudget = 34m }, Now));

        Assert.Equal(["dailyBudget", "totalBudget"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
