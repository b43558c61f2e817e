using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Profiles;
using static LiveServerless.Domain.Tests.Recommendations.TestStream;

namespace LiveServerless.Domain.Tests.Profiles;

public sealed class ProfileRulesTests
{
    [Theory]
    [InlineData(InteractionType.Chat, 0.5)]
    [InlineData(InteractionType.Follow, 3.0)]
    [InlineData(InteractionType.Share, 2.0)]
    [InlineData(InteractionType.AdClick, 0.5)]
    [InlineData(InteractionType.AdImpression, 0.0)]
    public void InterestWeight_FlatInteractions_FollowTheTable(InteractionType type, double expected) =>
        Assert.Equal(expected, ProfileRules.InterestWeight(Event(type), 0));

    [Fact]
    public void InterestWeight_LikeBurst_GrowsWithTheLogOfTheCount()
    {
        Assert.Equal(0.3, ProfileRules.InterestWeight(Event(InteractionType.Like, count: 1), 0), 12);
        Assert.Equal(0.3 * Math.Log2(101), ProfileRules.InterestWeight(Event(InteractionType.Like, count: 100), 0), 12);
    }

    [Fact]
    public void InterestWeight_Gift_GrowsWithTheLogOfItsValue()
    {
        Assert.Equal(1.0, ProfileRules.InterestWeight(Event(InteractionType.Gift, unitValue: 1m), 0), 12);
        Assert.Equal(Math.Log2(101), ProfileRules.InterestWeight(Event(InteractionType.Gift, count: 4, unitValue: 25m), 0), 12);
    }

    [Fact]
    public void InterestWeight_Watch_HasDiminishingReturnsWithinAViewing()
    {
        var firstFiveMinutes = ProfileRules.InterestWeight(Watch(300), 0);
        var fiveMinutesAfterAnHour = ProfileRules.InterestWeight(Watch(300), 3600);

        Assert.Equal(Math.Log(2), firstFiveMinutes, 12);
        Assert.True(fiveMinutesAfterAnHour < firstFiveMinutes / 5);
    }

    [Fact]
    public void InterestWeight_Watch_DoesNotDependOnTheHeartbeatInterval()
    {
        var oneHeartbeat = ProfileRules.InterestWeight(Watch(600), 0);
        var tenHeartbeats = Enumerable.Range(0, 10).Sum(i => ProfileRules.InterestWeight(Watch(60), i * 60));

        Assert.Equal(oneHeartbeat, tenHeartbeats, 12);
    }
}
