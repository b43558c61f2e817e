using LiveServerless.Domain.Recommendations;
using static LiveServerless.Domain.Tests.Recommendations.TestStream;

namespace LiveServerless.Domain.Tests.Recommendations;

public sealed class HostNeighboursTests
{
    private static CoEngagementContribution To(string host, string neighbour, double weight, long sequenceNumber, string partitionId = "0") =>
        new(host, neighbour, weight, T0, partitionId, sequenceNumber);

    [Fact]
    public void Apply_AddsEveryNeighbourOfOneEvent()
    {
        var document = HostNeighbours.Empty("h-a").Apply([To("h-a", "h-b", 1, 7), To("h-a", "h-c", 2, 7)]);

        Assert.Equal(["h-b", "h-c"], document.Neighbours.Keys);
        Assert.Equal(3, document.Total.Value);
        Assert.Equal(7, document.Watermarks.Applied["0"]);
    }

    [Fact]
    public void Apply_SameContributionsTwice_ReturnsTheSameDocument()
    {
        var contributions = new[] { To("h-a", "h-b", 1, 7), To("h-a", "h-c", 2, 8) };
        var once = HostNeighbours.Empty("h-a").Apply(contributions);

        Assert.Same(once, once.Apply(contributions));
    }

    [Fact]
    public void Apply_TracksEachPartitionSeparately()
    {
        var document = HostNeighbours.Empty("h-a").Apply([To("h-a", "h-b", 1, 9, "0")]).Apply([To("h-a", "h-b", 1, 3, "1"), To("h-a", "h-b", 1, 9, "0")]);

        Assert.Equal(2, document.Neighbours["h-b"].Value);
    }

    [Fact]
    public void Apply_ContributionForAnotherHost_IsRefused() =>
        Assert.Throws<ArgumentException>(() => HostNeighbours.Empty("h-a").Apply([To("h-b", "h-a", 1, 1)]));

    [Fact]
    public void Apply_KeepsTheStrongestNeighboursWithinTheBound()
    {
        var contributions = Enumerable.Range(0, CoEngagement.MaxNeighbours + 5).Select(i => To("h-a", $"n{i:D3}", i + 1, i + 1));

        var document = HostNeighbours.Empty("h-a").Apply(contributions);

        Assert.Equal(CoEngagement.MaxNeighbours, document.Neighbours.Count);
        Assert.DoesNotContain("n000", document.Neighbours.Keys);
        Assert.Equal(Enumerable.Range(1, CoEngagement.MaxNeighbours + 5).Sum(), document.Total.Value);
    }

    [Fact]
    public void Similarities_AreTheNeighboursShareOfTheTotal_Shrunk()
    {
        var document = HostNeighbours.Empty("h-a").Apply([To("h-a", "h-b", 15, 1), To("h-a", "h-c", 5, 2)]);

        var similarities = document.Similarities(T0).ToDictionary();

        Assert.Equal(15 / (20 + CoEngagement.SimilarityShrinkage), similarities["h-b"], 12);
        Assert.Equal(5 / (20 + CoEngagement.SimilarityShrinkage), similarities["h-c"], 12);
        Assert.True(document.Similarities(T0 + CoEngagement.HalfLife).ToDictionary()["h-b"] < similarities["h-b"], "stale evidence counts less");
    }
}
