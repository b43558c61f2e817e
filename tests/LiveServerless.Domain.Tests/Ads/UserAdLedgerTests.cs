using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Interactions;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;
using static LiveServerless.Domain.Tests.Ads.TrackingFixtures;

namespace LiveServerless.Domain.Tests.Ads;

public sealed class UserAdLedgerTests
{
    private static readonly Campaign Cpc = TestCampaign(bidType: BidType.Cpc, bid: 0.5m, frequencyCap: 3);

    [Fact]
    public void Reserve_CountsTowardsTheDailyCap_AndRefusesBeyondIt()
    {
        var (ledger, _) = Serve(Cpc, 3);

        Assert.Equal(3, ledger.ServedOn(PacingSlot.DayOf(Now))["c1"]);
        Assert.Empty(ledger.ServedOn(PacingSlot.DayOf(Now).AddDays(1)));
        Assert.Equal(3, ledger.Ads.Count);
    }

    [Fact]
    public void Track_ImpressionThenClick_CountsEachOnce_AndBillsTheCpcClick()
    {
        var (ledger, _) = Serve(Cpc, 1);

        var (_, outcomes) = ledger.Track([Shown("imp1", 1), Shown("imp1", 2), Clicked("imp1", 3), Clicked("imp1", 4)], Dwell);

        Assert.Equal(2, outcomes.Count);
        Assert.True(outcomes[0].CountsImpression);
        Assert.Equal(0m, outcomes[0].Cost);
        Assert.True(outcomes[1].CountsClick);
        Assert.Equal(0.5m, outcomes[1].Cost);
    }

    [Fact]
    public void Track_ClickWithoutARecordedImpression_CountsNothing_AndTheLaterImpressionCountsAlone()
    {
        var (ledger, _) = Serve(TestCampaign(bid: 4m), 1);

        var (tracked, outcomes) = ledger.Track([Clicked("imp1", 1), Shown("imp1", 2)], Dwell);

        var outcome = Assert.Single(outcomes);
        Assert.True(outcome is { CountsImpression: true, CountsClick: false });
        Assert.Equal(0.004m, outcome.Cost);
        Assert.True(tracked.Ads[0] is { Shown: true, Clicked: false });
    }

    [Fact]
    public void Track_ClickWithinTheDwell_CountsNothing_AndAClickAtTheDwellCountsOnce()
    {
        var (ledger, _) = Serve(Cpc, 1);
        var shownAt = Now.AddSeconds(5);

        var (_, outcomes) = ledger.Track(
        [
            Shown("imp1", 1, shownAt),
            Clicked("imp1", 2, shownAt),
            Clicked("imp1", 3, shownAt + Dwell - TimeSpan.FromMilliseconds(1)),
            Clicked("imp1", 4, shownAt + Dwell),
            Clicked("imp1", 5, shownAt + Dwell + Dwell),
        ], Dwell);

        Assert.Equal([(true, false, 0m, 1L), (false, true, 0.5m, 4L)], outcomes.Select(o => (o.CountsImpression, o.CountsClick, o.Cost, o.SequenceNumber)));
    }

    [Fact]
    public void Track_TheDwell_IsAParameter()
    {
        var (ledger, _) = Serve(Cpc, 1);
        var batch = new[] { Shown("imp1", 1, Now.AddSeconds(5)), Clicked("imp1", 2, Now.AddSeconds(35)) };

        Assert.Equal(2, ledger.Track(batch, TimeSpan.FromSeconds(30)).Outcomes.Count);
        Assert.Single(ledger.Track(batch, TimeSpan.FromSeconds(31)).Outcomes);
        Assert.Equal(2, ledger.Track(batch, TimeSpan.Zero).Outcomes.Count);
    }

    [Fact]
    public void Track_AShownAdStoredWithoutItsShowingTime_CountsTheDwellFromServing()
    {
        var (ledger, _) = Serve(Cpc, 1);
        var legacy = ledger with { Ads = [ledger.Ads[0] with { Shown = true }] };

        Assert.Empty(legacy.Track([Clicked("imp1", 1, ledger.Ads[0].ServedAt)], Dwell).Outcomes);
        Assert.Single(legacy.Track([Clicked("imp1", 1, ledger.Ads[0].ServedAt + Dwell)], Dwell).Outcomes);
    }

    [Fact]
    public void Track_ReplayedBatch_CountsNothingAgain()
    {
        var (ledger, _) = Serve(Cpc, 1);
        var batch = new[] { Shown("imp1", 1), Clicked("imp1", 2) };

        var (tracked, _) = ledger.Track(batch, Dwell);
        var (_, replayed) = tracked.Track(batch, Dwell);

        Assert.Empty(replayed);
    }

    [Fact]
    public void Track_UnknownOrMismatchedOrLateEvents_CountForNothing()
    {
        var (ledger, _) = Serve(Cpc, 1);
        var expiry = ledger.Ads[0].ExpiresAt;

        var (_, outcomes) = ledger.Track(
        [
            Shown("imp-unknown", 1),
            Event(InteractionType.AdImpression, "imp1", 2, campaignId: "c2"),
            Event(InteractionType.AdImpression, "imp1", 3, userId: "u2"),
            Clicked("imp1", 4, expiry.AddSeconds(1)),
            Event(InteractionType.Like, "imp1", 5),
        ], Dwell);

        Assert.Empty(outcomes);
    }

    [Fact]
    public void Settle_GivesBackTheFrequencyUnitOfAnAdNeverShown()
    {
        var (ledger, _) = Serve(Cpc, 2);
        var (tracked, _) = ledger.Track([Shown("imp1", 1)], Dwell);

        var settled = tracked.Settle(tracked.Ads[0].ExpiresAt);

        Assert.Empty(settled.Ads);
        Assert.Equal(1, settled.ServedOn(PacingSlot.DayOf(Now))["c1"]);
    }

    [Fact]
    public void Settle_BeforeExpiry_KeepsEverything()
    {
        var (ledger, _) = Serve(Cpc, 2);

        Assert.Same(ledger, ledger.Settle(Now));
    }

    [Fact]
    public void Reserve_ForAnEarlierDayThanTheLedgers_IsRefused()
    {
        var (ledger, _) = Serve(Cpc, 1, Now.AddDays(1));
        var (yesterday, _) = Serve(Cpc, 1);

        var decision = new AdDecision(Cpc, "late", new LeaseReservation("c1", "L1", 0.5m, Now.AddMinutes(15)), Now, Now.AddMinutes(15), 0.01, 0.005);

        Assert.NotNull(yesterday.Reserve(decision));
        Assert.Null(ledger.Reserve(decision));
    }

    [Fact]
    public void AdTracking_LoadsWhatTheBatchTouches_AndAppliesLedgersThenDeliveries()
    {
        var campaign = Cpc;
        var (ledger, delivery) = Serve(campaign, 1);
        StreamedInteraction[] batch = [Shown("imp1", 1), Clicked("imp1", 2), Event(InteractionType.Like, "x", 3, campaignId: "other")];

        Assert.Equal([new LedgerKey("t1", "u1")], AdTracking.LedgersOf(batch));
        Assert.Equal(["c1"], AdTracking.CampaignsOf(batch));

        var result = AdTracking.Apply(batch, new Dictionary<LedgerKey, UserAdLedger> { [LedgerKey.Of(ledger)] = ledger }, new Dictionary<string, CampaignDelivery> { ["c1"] = delivery }, Dwell);

        Assert.Equal((1L, 1L, 0.5m), (result.Deliveries[0].Impressions, result.Deliveries[0].Clicks, result.Deliveries[0].Spend));
        Assert.True(result.Ledgers[0].Ads[0] is { Shown: true, Clicked: true });
        Assert.Equal(2, result.Outcomes.Count);
    }
}
