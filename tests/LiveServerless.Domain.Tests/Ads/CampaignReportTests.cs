using LiveServerless.Domain.Ads;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;
using static LiveServerless.Domain.Tests.Ads.TrackingFixtures;

namespace LiveServerless.Domain.Tests.Ads;

public sealed class CampaignReportTests
{
    [Fact]
    public void Build_SummarisesDelivery_AndPlotsSpendAgainstPlanPerSlot()
    {
        var midnight = PacingSlot.StartOfDay(PacingSlot.DayOf(Now));
        var campaign = TestCampaign(bidType: BidType.Cpc, bid: 0.5m, totalBudget: 10m, startsAt: midnight, endsAt: midnight.AddDays(1));
        var (ledger, delivery) = Serve(campaign, 3);
        var (_, outcomes) = ledger.Track([Shown("imp1", 1), Shown("imp2", 2), Shown("imp3", 3), Clicked("imp2", 4)], Dwell);

        var report = CampaignReport.Build(campaign, delivery.Apply(outcomes), TrafficCurve.Default, Now.AddMinutes(1));

        Assert.Equal((3, 1, 1 / 3.0, 0.5m, 9.5m), (report.Impressions, report.Clicks, report.Ctr, report.Spend, report.RemainingBudget));
        Assert.Equal(PacingSlot.IndexInDay(Now) + 1, report.Pacing.Count);
        Assert.Equal(midnight, report.Pacing[0].SlotStart);
        Assert.Equal(0.5m, report.Pacing[^1].ActualSpend);
        Assert.True(report.Pacing.All(p => p.PlannedSpend > 0));
    }

    [Fact]
    public void Build_WithoutImpressions_HasZeroCtr() =>
        Assert.Equal(0, CampaignReport.Build(TestCampaign(), CampaignDelivery.Start(TestCampaign()), TrafficCurve.Default, Now).Ctr);
}
