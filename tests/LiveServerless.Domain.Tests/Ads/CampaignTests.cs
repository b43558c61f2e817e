using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Common;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;

namespace LiveServerless.Domain.Tests.Ads;

public sealed class CampaignTests
{
    private static readonly CreativeDraft GoodCreative = new("Buy now", "https://cdn.example.com/a.png", "https://shop.example.com/sale");

    public static TheoryData<string, NewCampaign> InvalidDrafts => new()
    {
        { "name", Draft() with { Name = " " } },
        { "name", Draft() with { Name = new string('n', Campaign.MaxNameLength + 1) } },
        { "bidType", Draft() with { BidType = null } },
        { "bid", Draft() with { Bid = null } },
        { "bid", Draft() with { Bid = 0m } },
        { "bid", Draft() with { Bid = -1m } },
        { "bid", Draft() with { Bid = Campaign.MaxCpmBid + 1m } },
        { "bid", Draft(bidType: BidType.Cpc, bid: Campaign.MaxCpcBid + 1m) },
        { "bid", Draft() with { Bid = 1.00001m } },
        { "totalBudget", Draft() with { TotalBudget = null } },
        { "totalBudget", Draft() with { TotalBudget = 0m } },
        { "totalBudget", Draft() with { TotalBudget = Campaign.MaxBudget + 1m } },
        { "dailyBudget", Draft() with { DailyBudget = 0m } },
        { "dailyBudget", Draft() with { DailyBudget = 101m } },
        { "startsAt", Draft() with { StartsAt = null } },
        { "endsAt", Draft() with { EndsAt = null } },
        { "endsAt", Draft() with { EndsAt = Now.AddHours(-12) } },
        { "endsAt", Draft() with { StartsAt = Now, EndsAt = Now.AddDays(367) } },
        { "targeting.tags", Draft(targeting: Targets(tags: [" "])) },
        { "targeting.tags", Draft(targeting: Targets(tags: Enumerable.Range(0, 21).Select(i => $"t{i}").ToArray())) },
        { "targeting.segments", Draft(targeting: Targets(segments: [new string('s', Targeting.MaxValueLength + 1)])) },
        { "targeting.categories", Draft(targeting: Targets(categories: ["bad\u0001"])) },
        { "frequencyCapPerDay", Draft() with { FrequencyCapPerDay = null } },
        { "frequencyCapPerDay", Draft(frequencyCap: 0) },
        { "frequencyCapPerDay", Draft(frequencyCap: Campaign.MaxFrequencyCapPerDay + 1) },
        { "creative", Draft() with { Creative = null } },
        { "creative.title", Draft() with { Creative = GoodCreative with { Title = "" } } },
        { "creative.imageUrl", Draft() with { Creative = GoodCreative with { ImageUrl = null } } },
        { "creative.imageUrl", Draft() with { Creative = GoodCreative with { ImageUrl = "/relative.png" } } },
        { "creative.clickUrl", Draft() with { Creative = GoodCreative with { ClickUrl = "javascript:alert(1)" } } },
        { "creative.clickUrl", Draft() with { Creative = GoodCreative with { ClickUrl = "ftp://shop.example.com" } } },
    };

    [Theory]
    [MemberData(nameof(InvalidDrafts))]
    public void Create_BrokenField_IsReportedOnThatFieldOnly(string field, NewCampaign draft)
    {
        var error = Assert.Throws<ValidationException>(() => Campaign.Create("t1", draft, Now));

        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public void Create_EverythingMissing_ReportsEveryRequiredField()
    {
        var error = Assert.Throws<ValidationException>(() =>
            Campaign.Create("t1", new NewCampaign(null, null, null, null, null, null, null, null, null, null), Now));

        Assert.Equal(
            ["bid", "bidType", "creative", "endsAt", "frequencyCapPerDay", "name", "startsAt", "totalBudget"],
            error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Create_ValidDraft_IsActiveAndNormalised()
    {
        var campaign = Campaign.Create("t1", Draft(targeting: Targets([" Jazz ", "jazz"], ["Big-Gifters"], ["Music"])), Now);

        Assert.Equal(CampaignStatus.Active, campaign.Status);
        Assert.Equal("t1", campaign.TenantId);
        Assert.True(Domain.Common.Ids.IsValid(campaign.Id));
        Assert.Equal(["jazz"], campaign.Targeting.Tags);
        Assert.Equal(["big-gifters"], campaign.Targeting.Segments);
        Assert.Equal(["music"], campaign.Targeting.Categories);
        Assert.Equal(Now, campaign.CreatedAt);
    }

    [Fact]
    public void Create_WithoutTargeting_RunsEverywhere() =>
        Assert.True(Campaign.Create("t1", Draft(), Now).Targeting.IsUntargeted());

    [Theory]
    [InlineData(BidType.Cpm, 5, 0.005)]
    [InlineData(BidType.Cpc, 0.8, 0.8)]
    public void MaxCostPerImpression_IsOneThousandthOfCpm_OrOneClickOfCpc(BidType bidType, decimal bid, decimal expected) =>
        Assert.Equal(expected, TestCampaign(bidType: bidType, bid: bid).MaxCostPerImpression());

    [Fact]
    public void Apply_ChangesOnlyWhatIsSet()
    {
        var campaign = TestCampaign();

        var updated = campaign.Apply(Changes() with { Bid = 7m, Targeting = Targets(categories: ["Sports"]) }, Now);

        Assert.Equal(7m, updated.Bid);
        Assert.Equal(["sports"], updated.Targeting.Categories);
        Assert.Equal(campaign.Name, updated.Name);
        Assert.Equal(campaign.Creative, updated.Creative);
        Assert.Equal(Now, updated.UpdatedAt);
    }

    [Fact]
    public void Apply_NullDailyBudgetOrTargeting_ClearsThem()
    {
        var campaign = TestCampaign(dailyBudget: 10m, targeting: Targets(tags: ["jazz"]));

        var updated = campaign.Apply(Changes() with { DailyBudget = new Optional<decimal?>(true, null), Targeting = new Optional<TargetingDraft?>(true, null) }, Now);

        Assert.Null(updated.DailyBudget);
        Assert.True(updated.Targeting.IsUntargeted());
    }

    [Fact]
    public void Apply_IsValidatedAsAWhole()
    {
        var campaign = TestCampaign(dailyBudget: 50m);

        var error = Assert.Throws<ValidationException>(() => campaign.Apply(Changes() with { TotalBudget = 40m, Name = "" }, Now));

        Assert.Equal(["dailyBudget", "name"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Apply_NullRequiredField_IsRefused()
    {
        var error = Assert.Throws<ValidationException>(() =>
            TestCampaign().Apply(Changes() with { Bid = new Optional<decimal?>(true, null), Creative = new Optional<CreativeDraft?>(true, null) }, Now));

        Assert.Equal(["bid", "creative"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Apply_ToEndedCampaign_IsRefused()
    {
        var ended = TestCampaign().EndIfFinished(CampaignDelivery.Start(TestCampaign()), Now.AddDays(3));

        var error = Assert.Throws<ValidationException>(() => ended.Apply(Changes() with { Name = "x" }, Now));

        Assert.Equal(["status"], error.Errors.Keys);
    }

    [Fact]
    public void Changes_HaveNoReadOnlyField()
    {
        var fields = typeof(CampaignChanges).GetProperties().Select(p => p.Name).ToArray();

        Assert.DoesNotContain(fields, f => f is "Id" or "TenantId" or "Status" or "BidType" or "CreatedAt" or "UpdatedAt" || f.Contains("Spend", StringComparison.Ordinal));
    }

    [Fact]
    public void PauseAndResume_MoveBetweenActiveAndPaused()
    {
        var paused = TestCampaign().Pause(Now);

        Assert.Equal(CampaignStatus.Paused, paused.Status);
        Assert.Equal(CampaignStatus.Active, paused.Resume(Now).Status);
        Assert.Throws<ConflictException>(() => paused.Pause(Now));
        Assert.Throws<ConflictException>(() => paused.Resume(Now).Resume(Now));
    }

    [Fact]
    public void Resume_AfterTheFlight_IsAConflict() =>
        Assert.Throws<ConflictException>(() => TestCampaign().Pause(Now).Resume(Now.AddDays(3)));

    [Fact]
    public void EndIfFinished_EndsWhenBudgetCannotPayOneMoreImpression()
    {
        var campaign = TestCampaign(bidType: BidType.Cpc, bid: 1m, totalBudget: 10m);
        var delivery = CampaignDelivery.Start(campaign);

        Assert.Equal(CampaignStatus.Active, campaign.EndIfFinished(delivery with { Spend = 9m }, Now).Status);
        Assert.Equal(CampaignStatus.Ended, campaign.EndIfFinished(delivery with { Spend = 9.5m }, Now).Status);
    }

    private static CampaignChanges Changes() => new(default, default, default, default, default, default, default, default, default);
}
