using System.Text.Json;
using LiveServerless.Domain.Ads;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;
using static LiveServerless.Domain.Tests.Ads.TrackingFixtures;

namespace LiveServerless.Domain.Tests.Ads;

/// <summary>The documents the app stores survive a JSON round trip unchanged, with the web defaults and no custom converters.</summary>
public sealed class DocumentSerializationTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static void AssertRoundTrips<T>(T document)
    {
        var json = JsonSerializer.Serialize(document, Web);

        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<T>(json, Web), Web));
    }

    [Fact]
    public void Serialize_EveryDocument_RoundTripsUnchanged()
    {
        var campaign = TestCampaign(bidType: BidType.Cpc, bid: 0.5m, targeting: Targets(categories: ["music", "talk"]));
        var (ledger, delivery) = Serve(campaign, 2);
        var (tracked, outcomes) = ledger.Track([Shown("imp1", 6), Clicked("imp1", 7)], Dwell);

        AssertRoundTrips(campaign);
        AssertRoundTrips(tracked);
        AssertRoundTrips(delivery.Apply(outcomes).WithPacing(new PacingState(0.4, 1.5, 2.5, Now)));
    }
}
