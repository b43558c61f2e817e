using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Profiles;
using static LiveServerless.Domain.Tests.Recommendations.TestStream;

namespace LiveServerless.Domain.Tests.Profiles;

public sealed class SegmentsTests
{
    private static readonly UserProfile Fresh = UserProfile.ForNewUser("u1", [], T0);

    private static UserProfile After(params Interaction[] events) => ProfileUpdater.Apply(Fresh, Numbered(events));

    [Fact]
    public void Derive_NeverSeen_IsNewOnly() => Assert.Equal([Segments.New], Segments.Derive(Fresh, T0.AddDays(30)));

    [Fact]
    public void Derive_New_LastsThreeDaysFromTheFirstInteraction()
    {
        var profile = After(Event(InteractionType.Like, T0));

        Assert.Contains(Segments.New, Segments.Derive(profile, T0.AddDays(3).AddTicks(-1)));
        Assert.DoesNotContain(Segments.New, Segments.Derive(profile, T0.AddDays(3)));
    }

    [Fact]
    public void Derive_EngagedFromFiveHoursOfRecentWatching_CasualBelow()
    {
        var justBelow = After(Watch((5 * 3600) - 1));
        var atThreshold = After(Watch(5 * 3600));

        Assert.Contains(Segments.Casual, justBelow.Segments);
        Assert.Contains(Segments.Engaged, atThreshold.Segments);
        Assert.Contains(Segments.Casual, Segments.Derive(atThreshold, T0.AddDays(7)));
    }

    [Fact]
    public void Derive_WhaleFromGiftsWorthTenThousandCoins()
    {
        Assert.DoesNotContain(Segments.Whale, After(Event(InteractionType.Gift, count: 99, unitValue: 100m)).Segments);
        Assert.Contains(Segments.Whale, After(Event(InteractionType.Gift, count: 100, unitValue: 100m)).Segments);
    }

    [Fact]
    public void Derive_NightOwl_NeedsTwentyInteractionsFortyPercentAtNight()
    {
        var night = new DateTimeOffset(2026, 3, 3, 2, 0, 0, TimeSpan.Zero);
        Interaction[] EventsAt(int atNight, int byDay) =>
        [
            .. Enumerable.Range(0, atNight).Select(_ => Event(InteractionType.Chat, night)),
            .. Enumerable.Range(0, byDay).Select(_ => Event(InteractionType.Chat, T0)),
        ];

        Assert.Contains(Segments.NightOwl, After(EventsAt(8, 12)).Segments);
        Assert.DoesNotContain(Segments.NightOwl, After(EventsAt(7, 13)).Segments);
        Assert.DoesNotContain(Segments.NightOwl, After(EventsAt(19, 0)).Segments);
    }

    [Fact]
    public void Derive_FanOfTheTopThreeTagsWithTenPoints()
    {
        var profile = After(
            Event(InteractionType.Gift, tags: ["jazz", "piano"], unitValue: 2047m),
            Event(InteractionType.Gift, tags: ["rock"], unitValue: 1023m),
            Event(InteractionType.Gift, tags: ["blues"], unitValue: 4095m),
            Event(InteractionType.Share, tags: ["folk"]));

        Assert.Equal(["blues-fan", "jazz-fan", "piano-fan"], profile.Segments.Where(s => s.EndsWith(Segments.FanSuffix, StringComparison.Ordinal)));
        Assert.Contains("rock-fan", Segments.Derive(profile with { TagInterests = profile.TagInterests.Where(t => t.Key != "blues").ToDictionary() }, T0));
    }
}
