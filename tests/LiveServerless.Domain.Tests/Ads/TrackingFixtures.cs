using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Interactions;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;

namespace LiveServerless.Domain.Tests.Ads;

/// <summary>Serving and tracking one campaign for one viewer, the way the app does it.</summary>
internal static class TrackingFixtures
{
    /// <summary>The app's default: a click counts a second or more after its recorded impression.</summary>
    public static readonly TimeSpan Dwell = AdPolicy.Default.ClickDwell;

    public static StreamedInteraction Event(
        InteractionType type, string impressionId, long sequence, DateTimeOffset? at = null, string campaignId = "c1", string userId = "u1", string partition = "0") =>
        new(
            new Interaction
            {
                Id = $"e{partition}-{sequence}",
                TenantId = "t1",
                UserId = userId,
                RoomId = "r1",
                Type = type,
                OccurredAt = at ?? Now.AddSeconds(5),
                CampaignId = campaignId,
                ImpressionId = impressionId,
            },
            partition,
            sequence);

    public static StreamedInteraction Shown(string impressionId, long sequence, DateTimeOffset? at = null) =>
        Event(InteractionType.AdImpression, impressionId, sequence, at);

    /// <summary>A click, by default 5 s after the default impression time: well past the dwell.</summary>
    public static StreamedInteraction Clicked(string impressionId, long sequence, DateTimeOffset? at = null) =>
        Event(InteractionType.AdClick, impressionId, sequence, at ?? Now.AddSeconds(10));

    /// <summary>Serves <paramref name="count"/> ads of the campaign to u1 and returns the ledger that recorded them, with the delivery that leased the budget.</summary>
    public static (UserAdLedger Ledger, CampaignDelivery Delivery) Serve(Campaign campaign, int count, DateTimeOffset? at = null)
    {
        var now = at ?? Now;
        var policy = AdPolicy.Default with { MaxLeaseShare = 1m };
        var (delivery, lease) = CampaignDelivery.Start(campaign).GrantLease(campaign, "i1", campaign.TotalBudget, policy, now);
        var wallet = new LeaseWallet("i1", policy);
        wallet.Install(lease!);
        var ledger = UserAdLedger.Empty("t1", "u1");
        for (var i = 1; i <= count; i++)
        {
            var decision = AdDecider.Decide(Request(), [Serving(campaign)], ledger.ServedOn(PacingSlot.DayOf(now)), wallet, $"imp{i}", now)!;
            ledger = ledger.Reserve(decision)!;
        }

        return (ledger, delivery);
    }
}
