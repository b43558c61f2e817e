using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.RoomStats;

namespace LiveServerless.Domain.Tests.Economy;

public sealed class RoomStatisticsErasureTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Forget_KeepsTheTotalsAndTheCount_ButNotThePerson()
    {
        var stats = RoomStatistics.Empty("t", "room").Apply([Gift("ann", 30, 1), Gift("bob", 50, 2), Gift("ann", 10, 3)]);

        var forgotten = stats.Forget("ann", "erased-user");

        Assert.Equal(stats.GiftValue, forgotten.GiftValue);
        Assert.Equal(stats.Viewers.Count, forgotten.Viewers.Count);
        Assert.Equal([("bob", 50m), ("erased-user", 40m)], forgotten.TopGifters.Select(g => (g.UserId, g.Value)));
        Assert.DoesNotContain("ann", forgotten.Viewers.Members);
    }

    [Fact]
    public void Forget_SomeoneNotNamed_ChangesNothing()
    {
        var stats = RoomStatistics.Empty("t", "room").Apply([Gift("bob", 50, 1)]);

        Assert.Same(stats, stats.Forget("ann", "erased-user"));
    }

    private static StreamedInteraction Gift(string user, decimal value, long sequence) => new(
        new Interaction { Id = $"g{sequence}", TenantId = "t", UserId = user, RoomId = "room", Type = InteractionType.Gift, OccurredAt = Now, UnitValue = value },
        "p0",
        sequence);
}
