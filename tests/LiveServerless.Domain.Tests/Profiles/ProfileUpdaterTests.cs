using System.Text.Json;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Profiles;
using static LiveServerless.Domain.Tests.Recommendations.TestStream;

namespace LiveServerless.Domain.Tests.Profiles;

public sealed class ProfileUpdaterTests
{
    private static readonly UserProfile Fresh = UserProfile.ForNewUser("u1", [], T0);

    [Fact]
    public void ForNewUser_SeedsDeclaredTagsWithTheSmallPrior()
    {
        var profile = UserProfile.ForNewUser("u1", [" Jazz ", "jazz", "Cooking"], T0);

        Assert.Equal(["cooking", "jazz"], profile.TagInterests.Keys);
        Assert.All(profile.TagInterests.Values, v => Assert.Equal(new DecayedValue(ProfileRules.DeclaredTagPrior, T0), v));
        Assert.Equal([Segments.New], profile.Segments);
        Assert.False(profile.IsEmpty());
        Assert.True(Fresh.IsEmpty());
    }

    [Fact]
    public void Apply_AddsTheWeightToEveryTagAndTheCategory()
    {
        var profile = ProfileUpdater.Apply(Fresh, Numbered(Event(InteractionType.Follow)));

        Assert.Equal(3.0, profile.TagInterests["jazz"].Value);
        Assert.Equal(3.0, profile.TagInterests["piano"].Value);
        Assert.Equal(3.0, profile.CategoryInterests["music"].Value);
    }

    [Fact]
    public void Apply_InterestsDecayWithTheHalfLife()
    {
        var profile = ProfileUpdater.Apply(Fresh, Numbered(Event(InteractionType.Follow, T0), Event(InteractionType.Share, T0.AddDays(7))));

        Assert.Equal((3.0 / 2) + 2.0, profile.TagInterests["jazz"].Value, 12);
        Assert.Equal(T0.AddDays(7), profile.TagInterests["jazz"].AsOf);
    }

    [Fact]
    public void Apply_CountsEngagementAndActiveHours()
    {
        var events = Numbered(
            Watch(60, T0),
            Watch(60, T0.AddMinutes(1)),
            Event(InteractionType.Like, T0.AddMinutes(2), count: 5),
            Event(InteractionType.Chat, T0.AddMinutes(3)),
            Event(InteractionType.Gift, T0.AddMinutes(4), count: 2, unitValue: 2.5m),
            Event(InteractionType.Follow, T0.AddMinutes(5)),
            Event(InteractionType.Share, T0.AddHours(3)),
            Event(InteractionType.AdImpression, T0.AddHours(3)),
            Event(InteractionType.AdClick, T0.AddHours(3)));

        var stats = ProfileUpdater.Apply(Fresh, events).Engagement;

        Assert.Equal(
            new EngagementStats
            {
                Interactions = 9, WatchSeconds = 120, Likes = 5, Chats = 1, Gifts = 2, GiftValue = 5m, Follows = 1, Shares = 1,
                AdImpressions = 1, AdClicks = 1, FirstSeen = T0, LastSeen = T0.AddHours(3),
            },
            stats);
        var hours = ProfileUpdater.Apply(Fresh, events).ActiveHours;
        Assert.Equal(6, hours[20]);
        Assert.Equal(3, hours[23]);
        Assert.Equal(9, hours.Sum());
    }

    [Fact]
    public void Apply_RecordsWatchedAndFollowedHosts()
    {
        var profile = ProfileUpdater.Apply(Fresh, Numbered(
            Watch(600, T0), Watch(300, T0.AddMinutes(10), room: "r-rock", host: "h-rock"), Event(InteractionType.Follow, T0.AddMinutes(11), host: "h-rock")));

        Assert.Equal(600, profile.WatchedHosts["h-jazz"].Value);
        Assert.Equal(300, profile.WatchedHosts["h-rock"].Value);
        Assert.Equal(T0.AddMinutes(11), profile.FollowedHosts["h-rock"]);
        var top = profile.TopHosts(T0.AddMinutes(11), 10);
        Assert.Equal(["h-rock", "h-jazz"], top.Select(h => h.HostUserId));
        Assert.Equal(1, top.Sum(h => h.Share), 12);
    }

    [Fact]
    public void Apply_WatchWeight_DoesNotDependOnTheHeartbeatInterval()
    {
        var oneHeartbeat = ProfileUpdater.Apply(Fresh, Numbered(Watch(1200, T0)));
        var twentyHeartbeats = ProfileUpdater.Apply(Fresh, Numbered(Enumerable.Range(0, 20).Select(_ => Watch(60, T0)).ToArray()));

        Assert.Equal(oneHeartbeat.TagInterests["jazz"].Value, twentyHeartbeats.TagInterests["jazz"].Value, 12);
    }

    [Fact]
    public void Apply_AnotherRoom_StartsANewViewing()
    {
        var sameRoom = ProfileUpdater.Apply(Fresh, Numbered(Watch(600, T0), Watch(600, T0)));
        var twoRooms = ProfileUpdater.Apply(Fresh, Numbered(Watch(600, T0), Watch(600, T0, room: "r-jazz-2")));

        Assert.True(twoRooms.TagInterests["jazz"].Value > sameRoom.TagInterests["jazz"].Value);
        Assert.Equal(new WatchSession("r-jazz-2", 600), twoRooms.CurrentWatch);
    }

    [Fact]
    public void Apply_AdEvents_FeedThePredictedCtrPerCategory()
    {
        var impressions = Enumerable.Range(0, 100).Select(_ => Event(InteractionType.AdImpression, category: "gaming"));
        var clicks = Enumerable.Range(0, 10).Select(_ => Event(InteractionType.AdClick, category: "gaming"));

        var profile = ProfileUpdater.Apply(Fresh, Numbered([.. impressions, .. clicks]));

        Assert.Equal(11.0 / 200, profile.PredictedCtr("gaming"), 12);
        Assert.Equal(0.01, profile.PredictedCtr("music"), 12);
        Assert.Equal(11.0 / 200, profile.PredictedCtr(null), 12);
        Assert.Equal(new AdClickStats(100, 10), profile.AdsByCategory["gaming"]);
    }

    [Fact]
    public void Apply_ManyTags_KeepsTheStrongestWithinTheBound()
    {
        var events = Enumerable.Range(0, ProfileRules.MaxTags + 10)
            .Select(i => Event(InteractionType.Follow, T0.AddMinutes(i), host: $"h{i}", tags: [$"tag{i:D3}"]));

        var profile = ProfileUpdater.Apply(Fresh, Numbered(events));

        Assert.Equal(ProfileRules.MaxTags, profile.TagInterests.Count);
        Assert.DoesNotContain("tag000", profile.TagInterests.Keys);
        Assert.Contains($"tag{ProfileRules.MaxTags + 9:D3}", profile.TagInterests.Keys);
    }

    [Fact]
    public void Apply_SameBatchTwice_ReturnsTheSameProfile()
    {
        var batch = Numbered(Watch(300, T0), Event(InteractionType.Like, T0.AddMinutes(1)), Event(InteractionType.Gift, T0.AddMinutes(2), unitValue: 10m));
        var once = ProfileUpdater.Apply(Fresh, batch);

        Assert.Same(once, ProfileUpdater.Apply(once, batch));
    }

    [Fact]
    public void Apply_ReplayOfAnEarlierPart_ChangesNothing()
    {
        var all = Numbered(Watch(300, T0), Event(InteractionType.Like, T0.AddMinutes(1)), Event(InteractionType.Chat, T0.AddMinutes(2)));
        var profile = ProfileUpdater.Apply(ProfileUpdater.Apply(Fresh, all.Take(2).ToArray()), all.Skip(2).ToArray());

        Assert.Same(profile, ProfileUpdater.Apply(profile, all.Take(2).ToArray()));
        Assert.Equal(Json(ProfileUpdater.Apply(Fresh, all)), Json(profile));
    }

    [Fact]
    public void Apply_DuplicateWithinABatch_CountsOnce()
    {
        var like = Numbered(Event(InteractionType.Like))[0];

        var profile = ProfileUpdater.Apply(Fresh, [like, like, like]);

        Assert.Equal(1, profile.Engagement.Likes);
    }

    [Fact]
    public void Apply_EventOfAnotherUser_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ProfileUpdater.Apply(Fresh, Numbered(Event(InteractionType.Like, user: "u2"))));

    [Fact]
    public void Apply_IsDeterministic()
    {
        var batch = Numbered(Watch(300, T0), Event(InteractionType.Follow, T0.AddMinutes(1), host: "h2", tags: ["rock"]));

        Assert.Equal(Json(ProfileUpdater.Apply(Fresh, batch)), Json(ProfileUpdater.Apply(Fresh, batch)));
    }

    [Fact]
    public void Profile_SurvivesAJsonRoundTrip_AndKeepsUpdatingTheSame()
    {
        var first = Numbered(Watch(300, T0), Event(InteractionType.Follow, T0.AddMinutes(1)), Event(InteractionType.AdImpression, T0.AddMinutes(2)));
        var second = Numbered([Watch(300, T0.AddMinutes(5)), Event(InteractionType.Gift, T0.AddMinutes(6), unitValue: 3m)], firstSequenceNumber: 4);
        var profile = ProfileUpdater.Apply(Fresh, first);

        var stored = JsonSerializer.Deserialize<UserProfile>(Json(profile), JsonSerializerOptions.Web)!;

        Assert.Equal(Json(profile), Json(stored));
        Assert.Equal(Json(ProfileUpdater.Apply(profile, second)), Json(ProfileUpdater.Apply(stored, second)));
        Assert.Contains("\"tagInterests\":{\"jazz\":{\"value\":", Json(profile), StringComparison.Ordinal);
    }
}
