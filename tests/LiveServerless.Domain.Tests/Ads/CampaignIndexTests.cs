using FsCheck;
using FsCheck.Fluent;
using LiveServerless.Domain.Ads;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;

namespace LiveServerless.Domain.Tests.Ads;

public sealed class CampaignIndexTests
{
    private static readonly string[] Tags = ["jazz", "rock", "chess", "cooking"];
    private static readonly string[] Segments = ["gamers", "big-gifters", "night-owls"];
    private static readonly string[] Categories = ["music", "sports", "gaming"];

    private static readonly Gen<ServingCampaign> CampaignGen =
        from id in Gen.Choose(0, 1_000_000)
        from tenant in Gen.Elements("t1", "t2")
        from tags in Gen.SubListOf(Tags)
        from segments in Gen.SubListOf(Segments)
        from categories in Gen.SubListOf(Categories)
        from paused in Gen.Elements(false, false, false, true)
        from startsInHours in Gen.Elements(-24, -24, -24, 1)
        from throttle in Gen.Elements(0.0, 0.3, 1.0, 1.0)
        from cap in Gen.Choose(1, 3)
        from bidType in Gen.Elements(BidType.Cpm, BidType.Cpc)
        from bid in Gen.Choose(1, 9)
        let campaign = TestCampaign(
            $"c{id}", tenant, bidType, bidType == BidType.Cpm ? bid : bid / 10m, targeting: Targets([.. tags], [.. segments], [.. categories]),
            frequencyCap: cap, startsAt: Now.AddHours(startsInHours), endsAt: Now.AddDays(1))
        select Serving(paused ? campaign.Pause(Now) : campaign, throttle);

    private static readonly Gen<AdRequest> RequestGen =
        from tenant in Gen.Elements("t1", "t2", "t3")
        from category in Gen.Elements<string?>("music", "sports", "gaming", "talk", null)
        from roomTags in Gen.SubListOf(Tags)
        from segments in Gen.SubListOf(Segments)
        from interests in Gen.SubListOf(Tags)
        select Request(tenant, category, [.. roomTags], [.. segments], [.. interests]);

    private static readonly Gen<(ServingCampaign[] Campaigns, AdRequest Request, int Served, string ImpressionId)> ScenarioGen =
        from campaigns in Gen.ArrayOf(CampaignGen)
        from request in RequestGen
        from served in Gen.Choose(0, 2)
        from impression in Gen.Choose(0, 1_000_000)
        select (campaigns.DistinctBy(c => c.Campaign.Id).ToArray(), request, served, $"imp{impression}");

    [Fact]
    public void Candidates_NarrowedByTheDecider_AreExactlyWhatAFullScanFinds() =>
        Prop.ForAll(Arb.From(ScenarioGen), scenario =>
        {
            var (campaigns, request, served, impressionId) = scenario;
            var wallet = WalletFor([.. campaigns.Select(c => c.Campaign).Where(c => c.Status == CampaignStatus.Active && c.IsInFlight(Now))]);
            var servedToday = campaigns.ToDictionary(c => c.Campaign.Id, _ => served);
            var key = PacingThrottle.KeyOf(impressionId);

            var viaIndex = AdDecider.Eligible(request, CampaignIndex.Build(campaigns).Candidates(request), servedToday, wallet, key, Now);
            var viaScan = AdDecider.Eligible(request, campaigns, servedToday, wallet, key, Now);

            return viaIndex.Select(c => c.Campaign.Id).Order(StringComparer.Ordinal)
                .SequenceEqual(viaScan.Select(c => c.Campaign.Id).Order(StringComparer.Ordinal));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    [Fact]
    public void Decide_ThroughTheIndexWithEarlyStop_PicksWhatAFullScanPicks() =>
        Prop.ForAll(Arb.From(ScenarioGen), Arb.From(Gen.Choose(0, 50)), (scenario, clicks) =>
        {
            var (campaigns, request, served, impressionId) = scenario;
            var withHistory = campaigns.Select((c, i) => new ServingCampaign(c.Campaign, new CtrStats(1_000, (clicks * i) % 60), c.Throttle, c.AvailableBudget)).ToArray();
            var active = withHistory.Select(c => c.Campaign).Where(c => c.Status == CampaignStatus.Active && c.IsInFlight(Now)).ToArray();
            var servedToday = campaigns.ToDictionary(c => c.Campaign.Id, _ => served);
            var cpcRequest = request with { Audience = request.Audience with { CategoryCtr = new Dictionary<string, double> { ["music"] = 0.03, ["sports"] = 0.002 } } };

            var viaIndex = AdDecider.Decide(cpcRequest, CampaignIndex.Build(withHistory), servedToday, WalletFor(active), impressionId, Now);
            var viaScan = AdDecider.Decide(cpcRequest, withHistory, servedToday, WalletFor(active), impressionId, Now);

            return viaIndex?.Campaign.Id == viaScan?.Campaign.Id && viaIndex?.ExpectedValue == viaScan?.ExpectedValue;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    [Fact]
    public void Candidates_SkipCampaignsThatCannotMatch()
    {
        var music = Serving(TestCampaign("music", targeting: Targets(categories: ["music"])));
        var sports = Serving(TestCampaign("sports", targeting: Targets(categories: ["sports"])));
        var everyone = Serving(TestCampaign("everyone"));

        var candidates = CampaignIndex.Build([music, sports, everyone]).Candidates(Request(category: "music"));

        Assert.Equal(["everyone", "music"], candidates.Select(c => c.Campaign.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Candidates_ListEachCampaignOnce_WhenSeveralKeysHitIt()
    {
        var jazzOrRock = Serving(TestCampaign("c1", targeting: Targets(tags: ["jazz", "rock"])));

        var candidates = CampaignIndex.Build([jazzOrRock]).Candidates(Request(roomTags: ["jazz"], interests: ["rock"]));

        Assert.Single(candidates);
    }

    [Fact]
    public void Candidates_NeverIncludeAnotherTenantsCampaigns() =>
        Assert.Empty(CampaignIndex.Build([Serving(TestCampaign(tenantId: "t2"))]).Candidates(Request(tenantId: "t1")));

    [Fact]
    public void Build_LeavesPausedCampaignsOut() =>
        Assert.Empty(CampaignIndex.Build([Serving(TestCampaign().Pause(Now))]).Campaigns);
}
