using FsCheck;
using FsCheck.Fluent;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Profiles;
using LiveServerless.Domain.Recommendations;
using static LiveServerless.Domain.Tests.Recommendations.TestStream;

namespace LiveServerless.Domain.Tests.Recommendations;

public sealed class CoEngagementTests
{
    private static readonly UserProfile Fresh = UserProfile.ForNewUser("u1", [], T0);

    [Fact]
    public void Contributions_EngagingASecondHost_PairsItWithTheFirstBothWays()
    {
        var events = Numbered(Watch(600, T0, host: "h-a", room: "r-a"), Event(InteractionType.Follow, T0.AddMinutes(10), host: "h-b", room: "r-b"));

        var contributions = CoEngagement.Contributions(Fresh, events);

        Assert.Equal(
            [
                new CoEngagementContribution("h-b", "h-a", ProfileRules.FollowWeight, T0.AddMinutes(10), "0", 2),
                new CoEngagementContribution("h-a", "h-b", ProfileRules.FollowWeight, T0.AddMinutes(10), "0", 2),
            ],
            contributions);
    }

    [Fact]
    public void Contributions_SplitTheWeightByTheShareOfTheUsersHosts()
    {
        var before = ProfileUpdater.Apply(Fresh, Numbered(Watch(3 * 3600, T0, host: "h-a", room: "r-a"), Watch(3600, T0, host: "h-b", room: "r-b")));

        var contributions = CoEngagement.Contributions(before, Numbered([Event(InteractionType.Share, T0, host: "h-c", room: "r-c")], 3));

        Assert.Equal(0.75 * ProfileRules.ShareWeight, contributions.Single(c => c.HostUserId == "h-a").Weight, 12);
        Assert.Equal(0.25 * ProfileRules.ShareWeight, contributions.Single(c => c.HostUserId == "h-b").Weight, 12);
        Assert.Equal(ProfileRules.ShareWeight, contributions.Where(c => c.HostUserId == "h-c").Sum(c => c.Weight), 12);
    }

    [Fact]
    public void Contributions_OneHostOnly_PairsNothing() =>
        Assert.Empty(CoEngagement.Contributions(Fresh, Numbered(Watch(600), Event(InteractionType.Like), Event(InteractionType.Gift, unitValue: 5m))));

    [Fact]
    public void Contributions_AdEvents_PairNothing()
    {
        var before = ProfileUpdater.Apply(Fresh, Numbered(Watch(600, host: "h-a")));

        Assert.Empty(CoEngagement.Contributions(before, Numbered([Event(InteractionType.AdClick, host: "h-b")], 2)));
    }

    [Fact]
    public void Contributions_EventsTheProfileAlreadyApplied_PairNothing()
    {
        var events = Numbered(Watch(600, T0, host: "h-a"), Watch(600, T0.AddMinutes(10), host: "h-b", room: "r-b"));

        Assert.Empty(CoEngagement.Contributions(ProfileUpdater.Apply(Fresh, events), events));
    }

    [Fact]
    public void AnyDeliveryWithReplaysAndFailedWrites_GivesTheSameDocumentsAsOneCleanPass() =>
        Prop.ForAll(Gen.ArrayOf(Generators.Interaction()).Zip(Generators.DeliveryPlan()).ToArbitrary(), scenario =>
        {
            var stream = Numbered(scenario.Item1);
            var clean = Save(new Dictionary<string, HostNeighbours>(), CoEngagement.Contributions(Fresh, stream), failing: []);

            var documents = new Dictionary<string, HostNeighbours>();
            var profile = Fresh;
            foreach (var (batch, failing) in scenario.Item2.Deliver(stream))
            {
                // The handler's order: host documents first, the profile last. A failed document write fails the batch before the
                // profile is saved, so the batch is delivered again and recomputes the same contributions from the same profile.
                Save(documents, CoEngagement.Contributions(profile, batch), failing);
                if (failing.Length > 0)
                {
                    Save(documents, CoEngagement.Contributions(profile, batch), failing: []);
                }

                profile = ProfileUpdater.Apply(profile, batch);
            }

            return Json(documents.OrderBy(d => d.Key, StringComparer.Ordinal)) == Json(clean.OrderBy(d => d.Key, StringComparer.Ordinal));
        }).QuickCheckThrowOnFailure();

    private static Dictionary<string, HostNeighbours> Save(
        Dictionary<string, HostNeighbours> documents, IReadOnlyList<CoEngagementContribution> contributions, string[] failing)
    {
        foreach (var forHost in contributions.GroupBy(c => c.HostUserId).Where(g => !failing.Contains(g.Key)))
        {
            documents[forHost.Key] = documents.GetValueOrDefault(forHost.Key, HostNeighbours.Empty(forHost.Key)).Apply(forHost);
        }

        return documents;
    }
}
