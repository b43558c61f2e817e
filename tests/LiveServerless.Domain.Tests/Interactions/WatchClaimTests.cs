using LiveServerless.Domain.Common;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Rooms;

namespace LiveServerless.Domain.Tests.Interactions;

/// <summary>Clients cannot post watch time: the server measures it from presence (docs/architecture.md, *Watch time is measured, not claimed*).</summary>
public sealed class WatchClaimTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly IngestContext Context = new(
        "t1", "u1", Room.Create("t1", new NewRoom("r1", "host", "Jazz", null, null, null, null, null, null), Now).Start(Now), Now);

    private static InteractionDraft Draft(InteractionType type, int? seconds = null) => new(type, null, null, null, seconds, null, null);

    [Theory]
    [InlineData(null)]
    [InlineData(60)]
    public void Validate_AWatchClaim_IsRefusedOnItsType(int? seconds)
    {
        var refused = Assert.Throws<ValidationException>(() => InteractionRules.Validate([Draft(InteractionType.Like), Draft(InteractionType.Watch, seconds)], Context));

        Assert.Equal(["events[1].type"], refused.Errors.Keys);
        Assert.Contains("measured by the server", refused.Errors["events[1].type"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SecondsOnAnyOtherEvent_AreRefused()
    {
        var refused = Assert.Throws<ValidationException>(() => InteractionRules.Validate([Draft(InteractionType.Share, 30)], Context));

        Assert.Equal(["events[0].seconds"], refused.Errors.Keys);
    }
}
