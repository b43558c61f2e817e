using LiveServerless.Domain.Common;
using LiveServerless.Domain.Economy;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Rooms;
using LiveServerless.Domain.Tenants;

namespace LiveServerless.Domain.Tests.Economy;

public sealed class EconomyRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Gift_Define_ReportsEveryBrokenRule()
    {
        var refused = Assert.Throws<ValidationException>(() => Gift.Define("rose", new GiftDefinition(" ", 0, "ftp://x", null), Now));

        Assert.Equal(["imageUrl", "name", "price"], refused.Errors.Keys.Order());
    }

    [Fact]
    public void Gift_Define_IsActiveUnlessSaidOtherwise()
    {
        Assert.True(Gift.Define("rose", new GiftDefinition("Rose", 5, null, null), Now).Active);
        Assert.False(Gift.Define("rose", new GiftDefinition("Rose", 5, null, false), Now).Active);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("1", true)]
    [InlineData("0.3333", true)]
    [InlineData("0.33333", false)]
    [InlineData("1.01", false)]
    [InlineData("-0.1", false)]
    public void Tenant_RevenueShare_IsAFractionWithFourDecimalsAtMost(string share, bool valid)
    {
        var tenant = new Tenant("t", "Acme", Now);
        var changes = new TenantChanges(default, decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture));

        if (valid)
        {
            Assert.Equal(decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture), tenant.Apply(changes).RevenueShare);
        }
        else
        {
            Assert.Contains("revenueShare", Assert.Throws<ValidationException>(() => tenant.Apply(changes)).Errors.Keys);
        }
    }

    [Fact]
    public void ATenantThatNeverSetAShare_GivesHostsHalf() => Assert.Equal(0.5m, new Tenant("t", "Acme", Now).RevenueShare);

    [Fact]
    public void AGift_IsPricedFromTheCatalog_WithTheSharePrevailingAtAcceptance()
    {
        var accepted = InteractionRules.Accept(new InteractionDraft(InteractionType.Gift, 3, "rose", null, null, null, null), Context());

        Assert.Equal(15m, accepted.GiftValue);
        Assert.Equal(0.6m, accepted.HostShare);
        Assert.Equal(9m, Earnings.HostShareOf(accepted));
        Assert.True(accepted.HasClientKey);
    }

    [Fact]
    public void AClientsValue_AnUnknownGift_GiftingInOnesOwnRoom_AndMixedRequests_AreRefused()
    {
        Assert.Contains("events[0].value", Refusals(Draft("rose", value: 1m)));
        Assert.Contains("events[0].giftId", Refusals(Draft("unicorn")));
        Assert.Contains("events[0].giftId", Refusals(Draft("retired")));
        Assert.Contains("events[0].type", Refusals([Draft("rose")], Context(sender: "host")));
        Assert.Contains("events", Refusals([Draft("rose"), new InteractionDraft(InteractionType.Like, null, null, null, null, null, null)]));
        Assert.Contains("events", Refusals([.. Enumerable.Repeat(Draft("rose"), InteractionRules.MaxGiftEventsPerRequest + 1)]));
    }

    private static InteractionDraft Draft(string giftId, decimal? value = null) => new(InteractionType.Gift, 1, giftId, value, null, null, null);

    private static IReadOnlyCollection<string> Refusals(InteractionDraft draft) => Refusals([draft]);

    private static IReadOnlyCollection<string> Refusals(IReadOnlyList<InteractionDraft> drafts, IngestContext? context = null) =>
        [.. Assert.Throws<ValidationException>(() => InteractionRules.Validate(drafts, context ?? Context())).Errors.Keys];

    private static IngestContext Context(string sender = "viewer")
    {
        var room = new Room("room", "t", "host", "Night", null, [], RoomStatus.Live, new ChatSettings(0, 500, false, []), Now, Now, Now, null);
        return new IngestContext("t", sender, room, Now)
        {
            Catalog = new Dictionary<string, Gift> { ["rose"] = new("rose", "Rose", 5, null, true, Now) },
            HostShare = 0.6m,
        };
    }
}
