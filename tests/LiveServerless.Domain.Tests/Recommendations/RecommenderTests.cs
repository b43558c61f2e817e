using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Profiles;
using LiveServerless.Domain.Recommendations;
using LiveServerless.Domain.Rooms;
using static LiveServerless.Domain.Tests.Recommendations.TestStream;

namespace LiveServerless.Domain.Tests.Recommendations;

public sealed class RecommenderTests
{
    private static readonly Dictionary<string, HostNeighbours> NoCoEngagement = [];

    private static readonly RecommenderOptions Options = RecommenderOptions.Default;

    private static IReadOnlyList<Recommendation> Recommend(UserProfile? profile, params LiveRoomCandidate[] rooms) =>
        Recommender.Recommend(profile, rooms, NoCoEngagement, T0, Options);

    private static UserProfile Watched(params (string Host, string[] Tags, int Minutes)[] viewings) =>
        ProfileUpdater.Apply(
            UserProfile.ForNewUser("u1", [], T0.AddDays(-1)),
            Numbered(viewings.Select((v, i) => Watch(v.Minutes * 60, T0.AddHours(-20 + i), room: $"old-{i}", host: v.Host, category: null, tags: v.Tags))));

    [Fact]
    public void Recommend_NoProfile_RanksByTrendingWithReasons()
    {
        var list = Recommend(null, Candidate("cold", "h1", "talk", ["chat"], heat: 0), Candidate("hot", "h2", "music", ["jazz"], heat: 900), Candidate("warm", "h3", "art", ["paint"], heat: 30));

        Assert.Equal(["hot", "warm", "cold"], list.Select(r => r.RoomId));
        Assert.Equal(["Trending now"], list[0].Reasons);
        Assert.Equal(["Live now"], list[2].Reasons);
    }

    [Fact]
    public void Recommend_EmptyProfile_IsTheColdStart()
    {
        LiveRoomCandidate[] rooms = [Candidate("a", "h1", "talk", ["chat"], heat: 5), Candidate("b", "h2", "music", ["jazz"], heat: 50)];

        Assert.Equal(Json(Recommend(null, rooms)), Json(Recommend(UserProfile.ForNewUser("u1", [], T0), rooms)));
    }

    [Fact]
    public void Recommend_DeclaredTags_RankMatchingRoomsFirst()
    {
        var list = Recommend(UserProfile.ForNewUser("u1", ["Chess"], T0), Candidate("fps", "h1", "gaming", ["fps"], heat: 50), Candidate("chess", "h2", "gaming", ["chess"], heat: 5));

        Assert.Equal("chess", list[0].RoomId);
        Assert.Contains("Because you like #chess", list[0].Reasons);
    }

    [Fact]
    public void Recommend_StrongTagInterest_RanksThoseRoomsAboveUnrelatedHotterOnes()
    {
        var jazzFan = Watched(("h-old1", ["jazz"], 60), ("h-old2", ["jazz", "piano"], 90), ("h-old3", ["jazz"], 45));
        LiveRoomCandidate[] unrelated = [.. Enumerable.Range(0, 10).Select(i => Candidate($"other{i}", $"h{i}", "gaming", ["fps", "moba"], heat: 200))];
        LiveRoomCandidate[] jazz = [Candidate("jazz1", "hj1", "music", ["jazz"], heat: 2), Candidate("jazz2", "hj2", "music", ["jazz", "blues"], heat: 1)];

        var list = Recommend(jazzFan, [.. unrelated, .. jazz]);

        Assert.Equal(["jazz1", "jazz2"], list.Take(2).Select(r => r.RoomId));
        Assert.Equal("Because you like #jazz", list[0].Reasons[0]);
    }

    [Fact]
    public void Recommend_FollowedHost_IsBoosted()
    {
        var follower = ProfileUpdater.Apply(UserProfile.ForNewUser("u1", [], T0), Numbered(Event(InteractionType.Follow, T0.AddDays(-2), host: "h-fav", tags: ["talk"])));

        var list = Recommend(follower, Candidate("a", "h-other", "talk", ["talk"], heat: 10), Candidate("b", "h-fav", "talk", ["talk"], heat: 10));

        Assert.Equal("b", list[0].RoomId);
        Assert.Equal("You follow the host", list[0].Reasons[0]);
    }

    [Fact]
    public void Recommend_OftenWatchedHost_IsBoosted()
    {
        var regular = Watched(("h-fav", ["talk"], 120));

        var list = Recommend(regular, Candidate("a", "h-other", "talk", ["talk"], heat: 100), Candidate("b", "h-fav", "talk", ["talk"], heat: 1));

        Assert.Equal("b", list[0].RoomId);
        Assert.Equal("You often watch this host", list[0].Reasons[0]);
    }

    [Fact]
    public void Recommend_CoEngagedHost_IsRankedAndExplained()
    {
        var fan = Watched(("h-a", ["talk"], 60));
        var coEngagement = new Dictionary<string, HostNeighbours>
        {
            ["h-a"] = HostNeighbours.Empty("h-a").Apply([new CoEngagementContribution("h-a", "h-b", 40, T0, "0", 1)]),
        };

        var list = Recommender.Recommend(fan, [Candidate("c", "h-c", "art", ["paint"], heat: 5), Candidate("b", "h-b", "art", ["paint"], heat: 5)], coEngagement, T0, Options);

        Assert.Equal("b", list[0].RoomId);
        Assert.Contains("Fans of h-a also watch this host", list[0].Reasons);
        Assert.Equal(["h-a"], Recommender.HostsToLookUp(fan, T0, Options));
    }

    [Fact]
    public void Recommend_JustStarted_SaysNewStream()
    {
        var list = Recommend(null, Candidate("new", "h1", "talk", ["chat"], heat: 0, startedAt: T0.AddMinutes(-2)));

        Assert.Equal(["New stream"], list[0].Reasons);
    }

    [Fact]
    public void Recommend_ViewersKnown_TrendingReasonSaysHowMany() =>
        Assert.Equal(["Trending now · 1,234 watching"], Recommend(null, Candidate("a", "h1", "talk", ["chat"], heat: 10, viewers: 1234))[0].Reasons);

    [Fact]
    public void Recommend_SeveralRoomsOfOneHost_MmrDoesNotStackThem()
    {
        var regular = Watched(("h-fav", ["talk"], 120), ("h-x", ["talk"], 100), ("h-y", ["talk"], 100));
        LiveRoomCandidate[] rooms =
        [
            Candidate("fav1", "h-fav", "talk", ["talk"], heat: 10),
            Candidate("fav2", "h-fav", "talk", ["talk"], heat: 10),
            Candidate("fav3", "h-fav", "talk", ["talk"], heat: 10),
            Candidate("x", "h-x", "talk", ["talk"], heat: 10),
            Candidate("y", "h-y", "talk", ["talk"], heat: 10),
        ];

        var withoutDiversity = Recommender.Recommend(regular, rooms, NoCoEngagement, T0, Options with { MmrLambda = 1 });
        var withDiversity = Recommend(regular, rooms);

        Assert.Equal(["fav1", "fav2", "fav3"], withoutDiversity.Take(3).Select(r => r.RoomId));
        Assert.Equal(["h-fav", "h-x", "h-y"], withDiversity.Take(3).Select(r => r.HostUserId).Order());
    }

    [Fact]
    public void Recommend_DuplicateCandidates_AppearOnce()
    {
        var list = Recommend(null, Candidate("a", "h1", "talk", ["chat"]), Candidate("a", "h1", "talk", ["chat"]), Candidate("b", "h2", "talk", ["chat"]));

        Assert.Equal(["a", "b"], list.Select(r => r.RoomId).Order());
    }

    [Fact]
    public void Recommend_NoLiveRooms_IsEmpty() => Assert.Empty(Recommend(Watched(("h1", ["talk"], 10))));

    [Fact]
    public void Recommend_ThousandCandidates_ReturnsOneFullOrderedListOfDistinctRooms()
    {
        // How fast this is, is measured by RecommenderBenchmarks (docs/benchmarks.md), never by a timed assertion here.
        var profile = Watched([.. Enumerable.Range(0, 30).Select(i => ($"h{i}", new[] { $"t{i % 12}", $"t{(i + 5) % 12}" }, 20 + i))]);
        LiveRoomCandidate[] rooms = [.. Enumerable.Range(0, 1000).Select(i => Candidate($"r{i}", $"h{i % 400}", $"c{i % 9}", [$"t{i % 12}", $"t{i % 7}"], heat: i % 97))];

        var list = Recommend(profile, rooms);

        Assert.Equal(new RecommenderOptions().MaxItems, list.Count);
        Assert.Equal(list.Count, list.Select(r => r.RoomId).Distinct().Count());
        Assert.All(list, r => Assert.NotEmpty(r.Reasons));
        Assert.Equal(list.OrderByDescending(r => r.Score).Select(r => r.RoomId), list.Select(r => r.RoomId));
    }

    [Fact]
    public void FromRoom_OnlyLiveRoomsAreCandidates()
    {
        var room = Room.Create("t1", new NewRoom("r1", "h1", "Jazz", "Music", ["Jazz"], null, null, null, null), T0);

        Assert.Throws<ArgumentException>(() => LiveRoomCandidate.FromRoom(room, 1));
        var live = LiveRoomCandidate.FromRoom(room.Start(T0), 3, 7);
        Assert.Equal(new LiveRoomCandidate("r1", "Jazz", "h1", "music", room.Tags, T0, 3, 7), live);
    }
}
