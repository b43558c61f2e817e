using LiveServerless.Domain.Ads;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;

namespace LiveServerless.Domain.Tests.Ads;

public sealed class ClickModelTests
{
    [Fact]
    public void CampaignCtr_WithoutHistory_IsTheBaseline() =>
        Assert.Equal(ClickModel.BaselineCtr, ClickModel.CampaignCtr(default), 10);

    [Fact]
    public void CampaignCtr_MovesFromThePriorToTheEvidence()
    {
        var little = ClickModel.CampaignCtr(new CtrStats(100, 5));
        var lots = ClickModel.CampaignCtr(new CtrStats(100_000, 5_000));

        Assert.InRange(little, ClickModel.BaselineCtr, 0.05);
        Assert.Equal(0.05, lots, 3);
    }

    [Theory]
    [InlineData(0.02, 2)]
    [InlineData(0.5, ClickModel.MaxUserLift)]
    [InlineData(0.0001, 1 / ClickModel.MaxUserLift)]
    public void UserLift_IsTheViewersCategoryCtrOverTheBaseline_Bounded(double viewerCtr, double expected) =>
        Assert.Equal(expected, ClickModel.UserLift(Request(categoryCtr: new() { ["music"] = viewerCtr }).Audience, "music"), 10);

    [Fact]
    public void UserLift_UnknownCategory_IsNeutral() =>
        Assert.Equal(1, ClickModel.UserLift(Request(categoryCtr: new() { ["sports"] = 0.05 }).Audience, "music"));

    [Fact]
    public void Predict_IsAProbability() =>
        Assert.Equal(1, ClickModel.Predict(ClickModel.CampaignCtr(new CtrStats(1_000, 1_000)), Request(categoryCtr: new() { ["music"] = 1 })));
}
