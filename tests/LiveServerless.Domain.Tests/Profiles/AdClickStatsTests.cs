using LiveServerless.Domain.Profiles;

namespace LiveServerless.Domain.Tests.Profiles;

public sealed class AdClickStatsTests
{
    [Fact]
    public void PredictedCtr_NoEvidence_IsThePriorMean() => Assert.Equal(0.01, AdClickStats.None.PredictedCtr(), 12);

    [Theory]
    [InlineData(3, 0, 1.0 / 103)]
    [InlineData(3, 3, 4.0 / 103)]
    [InlineData(100, 10, 11.0 / 200)]
    [InlineData(10_000, 500, 501.0 / 10_100)]
    public void PredictedCtr_IsTheBetaPosteriorMean(long impressions, long clicks, double expected) =>
        Assert.Equal(expected, new AdClickStats(impressions, clicks).PredictedCtr(), 12);

    [Fact]
    public void PredictedCtr_ManyImpressions_ApproachesTheObservedRate() =>
        Assert.Equal(0.05, new AdClickStats(1_000_000, 50_000).PredictedCtr(), 3);

    [Fact]
    public void PredictedCtr_MoreClicksThanImpressions_IsAtMostOne() => Assert.Equal(1, new AdClickStats(0, 500).PredictedCtr());
}
