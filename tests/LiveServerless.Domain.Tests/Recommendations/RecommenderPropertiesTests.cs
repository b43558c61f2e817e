using FsCheck;
using FsCheck.Fluent;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Profiles;
using LiveServerless.Domain.Recommendations;
using static LiveServerless.Domain.Tests.Recommendations.TestStream;

namespace LiveServerless.Domain.Tests.Recommendations;

public sealed class RecommenderPropertiesTests
{
    [Fact]
    public void Recommend_AnyInput_ReturnsOnlyLiveCandidates() =>
        Check(c => c.List.All(item => c.Rooms.Any(room => room.RoomId == item.RoomId && room.HostUserId == item.HostUserId)));

    [Fact]
    public void Recommend_AnyInput_ReturnsEachRoomOnce() =>
        Check(c => c.List.Select(item => item.RoomId).Distinct().Count() == c.List.Count);

    [Fact]
    public void Recommend_AnyInput_ReturnsMaxItemsOrEveryRoom() =>
        Check(c => c.List.Count == Math.Min(c.Options.MaxItems, c.Rooms.Select(r => r.RoomId).Distinct().Count()));

    [Fact]
    public void Recommend_AnyInput_ExplainsEveryItem() =>
        Check(c => c.List.All(item => item.Reasons.Count is > 0 and <= 3 && item.Reasons.All(r => r.Length > 0 && !r.Contains('{', StringComparison.Ordinal))));

    [Fact]
    public void Recommend_AnyInput_SortsByScore() =>
        Check(c => c.List.Zip(c.List.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));

    [Fact]
    public void Recommend_AnyInput_IsDeterministic() =>
        Check(c => Json(c.List) == Json(Recommender.Recommend(c.Profile, c.Rooms, c.Neighbours, T0, c.Options)));

    [Fact]
    public void Recommend_AnyLiveSetWithoutProfile_WorksAndExplains() =>
        Check(c =>
        {
            var cold = Recommender.Recommend(null, c.Rooms, c.Neighbours, T0, c.Options);
            return cold.Count == c.List.Count && cold.All(item => item.Reasons.Count > 0);
        });

    [Fact]
    public void Recommend_StrongInterestInATag_RanksItsRoomsAboveUnrelatedOnes()
    {
        var jazzFan = ProfileUpdater.Apply(
            UserProfile.ForNewUser("u1", [], T0.AddDays(-3)),
            Numbered(Enumerable.Range(0, 6).Select(i => Watch(2400, T0.AddHours(-30 + i), room: $"old{i}", host: $"old-host{i}", tags: ["jazz"]))));
        var jazzRooms = Gen.ArrayOf(Generators.Candidate()).Select(rooms => rooms.Select(r => r with
        {
            RoomId = "jazz-" + r.RoomId, Category = "music", Tags = ["jazz", .. r.Tags.Where(t => t != "jazz").Take(2)],
        }));
        var otherRooms = Gen.ArrayOf(Generators.Candidate()).Select(rooms => rooms.Select(r => r with
        {
            RoomId = "other-" + r.RoomId, Category = "gaming", Tags = [.. r.Tags.Where(t => t is not ("jazz" or "piano"))],
        }));

        Prop.ForAll(jazzRooms.Zip(otherRooms).ToArbitrary(), rooms =>
        {
            var list = Recommender.Recommend(jazzFan, [.. rooms.Item1, .. rooms.Item2], new Dictionary<string, HostNeighbours>(), T0, RecommenderOptions.Default with { MmrLambda = 1 });
            var order = list.Select(r => r.RoomId.StartsWith("jazz-", StringComparison.Ordinal)).ToArray();
            return order.SkipWhile(isJazz => isJazz).All(isJazz => !isJazz);
        }).QuickCheckThrowOnFailure();
    }

    private static void Check(Func<Case, bool> property) => Prop.ForAll(Cases(), property).QuickCheckThrowOnFailure();

    /// <summary>A user (maybe unknown) built from random events, the co-engagement those events produced, and a random live set.</summary>
    private static Arbitrary<Case> Cases() =>
        (from events in Gen.ArrayOf(Generators.Interaction())
         from known in Gen.Elements(true, true, false)
         from rooms in Gen.ArrayOf(Generators.Candidate())
         from maxItems in Gen.Choose(1, 20)
         from lambda in Gen.Elements(0.5, 0.8, 1.0)
         select Case.Of(known, events, rooms, RecommenderOptions.Default with { MaxItems = maxItems, MmrLambda = lambda }))
        .ToArbitrary();

    internal sealed record Case(
        UserProfile? Profile, LiveRoomCandidate[] Rooms, Dictionary<string, HostNeighbours> Neighbours, RecommenderOptions Options, IReadOnlyList<Recommendation> List)
    {
        public static Case Of(bool known, Interaction[] events, LiveRoomCandidate[] rooms, RecommenderOptions options)
        {
            var fresh = UserProfile.ForNewUser("u1", [], T0.AddDays(-30));
            var stream = Numbered(events);
            var coEngagement = CoEngagement.Contributions(fresh, stream)
                .GroupBy(c => c.HostUserId)
                .ToDictionary(g => g.Key, g => HostNeighbours.Empty(g.Key).Apply(g));
            var profile = known ? ProfileUpdater.Apply(fresh, stream) : null;
            return new Case(profile, rooms, coEngagement, options, Recommender.Recommend(profile, rooms, coEngagement, T0, options));
        }
    }
}
