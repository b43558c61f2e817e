using LiveServerless.Domain.Ads;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;

namespace LiveServerless.Domain.Tests.Ads;

public sealed class TargetingTests
{
    private static Targeting Of(string[]? tags = null, string[]? segments = null, string[]? categories = null) =>
        new(Targeting.Normalize(tags), Targeting.Normalize(segments), Targeting.Normalize(categories));

    public static TheoryData<string, Targeting, bool> Cases => new()
    {
        { "untargeted runs everywhere", Targeting.Everyone, true },
        { "one category of several", Of(categories: ["sports", "music"]), true },
        { "category mismatch", Of(categories: ["sports"]), false },
        { "tag on the room", Of(tags: ["jazz"]), true },
        { "tag among the viewer's interests", Of(tags: ["cooking"]), true },
        { "tag nowhere", Of(tags: ["chess"]), false },
        { "segment of the viewer", Of(segments: ["big-gifters", "night-owls"]), true },
        { "segment missing", Of(segments: ["new-users"]), false },
        { "every set dimension matches", Of(tags: ["jazz"], segments: ["big-gifters"], categories: ["music"]), true },
        { "one set dimension fails", Of(tags: ["jazz"], segments: ["new-users"], categories: ["music"]), false },
        { "matching is case-insensitive", Of(tags: ["JAZZ"], categories: ["Music"]), true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_FollowsAndAcrossOrWithin(string because, Targeting targeting, bool expected)
    {
        var request = Request(category: "Music", roomTags: ["Jazz", "live"], segments: ["big-gifters"], interests: ["cooking"]);

        Assert.True(expected == targeting.Matches(request), because);
    }

    [Fact]
    public void Matches_RoomWithoutCategory_FailsCategoryTargeting() =>
        Assert.False(Of(categories: ["music"]).Matches(Request(category: null)));
}
