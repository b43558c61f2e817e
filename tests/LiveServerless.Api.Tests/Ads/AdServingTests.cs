using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Domain.Ads;
using LiveServerless.Functions.Ads;
using LiveServerless.Functions.Streaming;
using Microsoft.Extensions.DependencyInjection;
using static LiveServerless.Api.Tests.Ads.AdClient;

namespace LiveServerless.Api.Tests.Ads;

/// <summary>
/// Ads end to end through DevHost: decision → impression token → ad_impression / ad_click interactions → Event Hubs → the tracking
/// handler → the campaign's report, with the serving instance's index and budget leases refreshed in the background.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class AdServingTests(DevHostFixture fixture)
{
    [Fact]
    public async Task ACampaignTargetedAtATag_ServesInARoomWithTheTag_AndNotInOneWithout()
    {
        var tenant = await fixture.NewTenantAsync();
        var jazzRoom = await LiveRoomAsync(tenant, tags: ["jazz"]);
        var rockRoom = await LiveRoomAsync(tenant, tags: ["rock"]);
        var viewer = await tenant.AsUserAsync(await tenant.CreateUserAsync());
        var campaignId = await CreateCampaignAsync(tenant, CampaignBodies.Serving(tags: ["Jazz"]));

        var served = await ServedAsync(viewer, jazzRoom);

        Assert.Equal(campaignId, served.GetProperty("campaignId").GetString());
        Assert.Equal("Buy now", served.GetProperty("creative").GetProperty("title").GetString());
        Assert.Equal("https://shop.example.com/sale", served.GetProperty("creative").GetProperty("clickUrl").GetString());
        Assert.StartsWith("v2.", served.GetProperty("impressionToken").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, served.EnumerateObject().Count());
        await AssertNothingServedAsync(viewer, rockRoom);
    }

    [Fact]
    public async Task AViewersDeclaredInterest_MatchesTagTargeting_InAnyRoom()
    {
        var tenant = await fixture.NewTenantAsync();
        var room = await LiveRoomAsync(tenant, tags: ["cooking"]);
        (await tenant.Partner.PostAsync("/api/users", new { id = "chess-fan", displayName = "Chess fan", tags = new[] { "chess" } })).EnsureStatus(201);
        var chessFan = await tenant.AsUserAsync("chess-fan");
        var other = await tenant.AsUserAsync(await tenant.CreateUserAsync());
        var campaignId = await CreateCampaignAsync(tenant, CampaignBodies.Serving(tags: ["chess"]));

        Assert.Equal(campaignId, (await ServedAsync(chessFan, room)).GetProperty("campaignId").GetString());
        await AssertNothingServedAsync(other, room);
    }

    [Fact]
    public async Task ImpressionsAndClicks_AreCountedAndBilledOnce_HoweverOftenTheyArePosted()
    {
        var tenant = await fixture.NewTenantAsync();
        var room = await LiveRoomAsync(tenant);
        var viewer = await tenant.AsUserAsync(await tenant.CreateUserAsync());
        var campaignId = await CreateCampaignAsync(tenant, CampaignBodies.Serving(bidType: "cpc", bid: 0.5m));
        var token = (await ServedAsync(viewer, room)).GetProperty("impressionToken").GetString()!;

        (await TrackAsync(viewer, room, "ad_impression", token)).EnsureStatus(202);
        (await TrackAsync(viewer, room, "ad_impression", token)).EnsureStatus(202);
        await WaitPastTheClickDwellAsync(fixture, shownBy: DateTimeOffset.UtcNow);
        (await TrackAsync(viewer, room, "ad_click", token)).EnsureStatus(202);
        (await viewer.PostAsync($"/api/rooms/{room}/interactions", new
        {
            events = Enumerable.Repeat(new { type = "ad_click", impressionToken = token }, 10).ToArray(),
        })).EnsureStatus(202);
        var counted = await ReportEventuallyAsync(tenant, campaignId, r => r.GetProperty("clicks").GetInt64() == 1);

        // A replay of the same token, then a second ad's impression as a marker: the same viewer's events are processed in order.
        (await TrackAsync(viewer, room, "ad_click", token)).EnsureStatus(202);
        (await TrackAsync(viewer, room, "ad_impression", token)).EnsureStatus(202);
        var marker = (await ServedAsync(viewer, room)).GetProperty("impressionToken").GetString()!;
        (await TrackAsync(viewer, room, "ad_impression", marker)).EnsureStatus(202);
        var report = await ReportEventuallyAsync(tenant, campaignId, r => r.GetProperty("impressions").GetInt64() == 2);

        Assert.Equal(1, counted.GetProperty("impressions").GetInt64());
        Assert.Equal(0.5m, counted.GetProperty("spend").GetDecimal());
        Assert.Equal(1, report.GetProperty("clicks").GetInt64());
        Assert.Equal(0.5m, report.GetProperty("spend").GetDecimal());
        Assert.Equal(99.5m, report.GetProperty("remainingBudget").GetDecimal());
        Assert.Equal(0.5, report.GetProperty("ctr").GetDouble());
        Assert.Equal(campaignId, report.GetProperty("campaignId").GetString());
        var slot = Assert.Single(report.GetProperty("pacing").EnumerateArray(), p => p.GetProperty("actualSpend").GetDecimal() > 0);
        Assert.Equal(0.5m, slot.GetProperty("actualSpend").GetDecimal());
        Assert.True(slot.GetProperty("plannedSpend").GetDecimal() > 0);
        var campaign = await (await tenant.Partner.GetAsync($"/api/campaigns/{campaignId}")).JsonAsync();
        Assert.Equal(0.5m, campaign.GetProperty("spend").GetDecimal());
        Assert.Equal(2, campaign.GetProperty("impressions").GetInt64());
        await (await tenant.Partner.PatchAsync($"/api/campaigns/{campaignId}", new { totalBudget = 0.4m })).AssertFieldErrorAsync("totalBudget");
    }

    [Fact]
    public async Task ImpressionTokens_ThatAreForgedTamperedExpiredOrSomeoneElses_AreRefused()
    {
        var tenant = await fixture.NewTenantAsync();
        var room = await LiveRoomAsync(tenant);
        var otherRoom = await LiveRoomAsync(tenant);
        var viewerId = await tenant.CreateUserAsync();
        var viewer = await tenant.AsUserAsync(viewerId);
        var stranger = await tenant.AsUserAsync(await tenant.CreateUserAsync());
        var campaignId = await CreateCampaignAsync(tenant, CampaignBodies.Serving());
        var token = (await ServedAsync(viewer, room)).GetProperty("impressionToken").GetString()!;
        var key = fixture.AppServices.GetRequiredService<ImpressionTokenKey>().Bytes;
        var now = DateTimeOffset.UtcNow;
        var expired = new ImpressionToken("imp-old", tenant.Id, viewerId, campaignId, room, now.AddHours(-1), now.AddMinutes(-55)).Sign(key);
        var forged = new ImpressionToken("imp-forged", tenant.Id, viewerId, campaignId, room, now, now.AddMinutes(5))
            .Sign(Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray());
        var tampered = token[..^6] + (token[^6] == 'A' ? 'B' : 'A') + token[^5..];

        await AssertRefusedAsync(TrackAsync(stranger, room, "ad_impression", token), "another viewer");
        await AssertRefusedAsync(TrackAsync(viewer, room, "ad_impression", expired), "expired");
        await AssertRefusedAsync(TrackAsync(viewer, room, "ad_click", forged), "not a valid");
        await AssertRefusedAsync(TrackAsync(viewer, room, "ad_click", tampered), "not a valid");
        await AssertRefusedAsync(TrackAsync(viewer, otherRoom, "ad_impression", token), "another room");
        (await TrackAsync(viewer, room, "ad_impression", token)).EnsureStatus(202);

        var report = await ReportEventuallyAsync(tenant, campaignId, r => r.GetProperty("impressions").GetInt64() == 1);
        Assert.Equal(0, report.GetProperty("clicks").GetInt64());
        Assert.Equal(0.002m, report.GetProperty("spend").GetDecimal());
    }

    [Fact]
    public async Task ACampaign_StopsServingAtItsBudget_AndAClickBurstNeverSpendsPastIt()
    {
        var tenant = await fixture.NewTenantAsync();
        var room = await LiveRoomAsync(tenant);
        var viewer = await tenant.AsUserAsync(await tenant.CreateUserAsync());
        var campaignId = await CreateCampaignAsync(tenant, CampaignBodies.Serving(bidType: "cpc", bid: 1m, totalBudget: 3m));

        // Each served ad reserves its bid; a budget of 3 pays for three, whatever happens to them afterwards.
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            tokens.Add((await ServedAsync(viewer, room)).GetProperty("impressionToken").GetString()!);
        }

        await AssertNothingServedAsync(viewer, room);
        foreach (var token in tokens)
        {
            (await TrackAsync(viewer, room, "ad_impression", token)).EnsureStatus(202);
        }

        await WaitPastTheClickDwellAsync(fixture, shownBy: DateTimeOffset.UtcNow);
        foreach (var token in tokens)
        {
            (await viewer.PostAsync($"/api/rooms/{room}/interactions", new
            {
                events = Enumerable.Repeat(new { type = "ad_click", impressionToken = token }, 10).ToArray(),
            })).EnsureStatus(202);
        }

        var report = await ReportEventuallyAsync(tenant, campaignId, r => r.GetProperty("clicks").GetInt64() == 3);
        Assert.Equal(3m, report.GetProperty("spend").GetDecimal());
        Assert.Equal(0m, report.GetProperty("remainingBudget").GetDecimal());
        Assert.Equal(3, report.GetProperty("impressions").GetInt64());
        await AssertNothingServedAsync(viewer, room);
    }

    [Fact]
    public async Task RaisingTheBudget_ServesUpToTheNewBudget_AndABudgetBelowWhatIsReservedIsRefused()
    {
        var tenant = await fixture.NewTenantAsync();
        var room = await LiveRoomAsync(tenant);
        var viewer = await tenant.AsUserAsync(await tenant.CreateUserAsync());
        var campaignId = await CreateCampaignAsync(tenant, CampaignBodies.Serving(bidType: "cpc", bid: 1m, totalBudget: 2m));
        await ServedAsync(viewer, room);
        await ServedAsync(viewer, room);
        await AssertNothingServedAsync(viewer, room, requests: 20);

        await (await tenant.Partner.PatchAsync($"/api/campaigns/{campaignId}", new { totalBudget = 1m })).AssertFieldErrorAsync("totalBudget");
        (await tenant.Partner.PatchAsync($"/api/campaigns/{campaignId}", new { totalBudget = 3m })).EnsureStatus(200);

        await ServedAsync(viewer, room);
        await AssertNothingServedAsync(viewer, room);
    }

    [Fact]
    public async Task Pausing_StopsServing_AndResuming_ServesAgain()
    {
        var tenant = await fixture.NewTenantAsync();
        var room = await LiveRoomAsync(tenant);
        var viewer = await tenant.AsUserAsync(await tenant.CreateUserAsync());
        var campaignId = await CreateCampaignAsync(tenant, CampaignBodies.Serving());
        await ServedAsync(viewer, room);

        (await tenant.Partner.PostAsync($"/api/campaigns/{campaignId}/pause", body: null)).EnsureStatus(200);
        await WaitUntilNothingServedAsync(viewer, room);
        await AssertNothingServedAsync(viewer, room);

        (await tenant.Partner.PostAsync($"/api/campaigns/{campaignId}/resume", body: null)).EnsureStatus(200);
        Assert.Equal(campaignId, (await ServedAsync(viewer, room)).GetProperty("campaignId").GetString());
    }

    [Fact]
    public async Task TheDecision_ConsidersOnlyTheViewersTenantsCampaigns()
    {
        var advertiser = await fixture.NewTenantAsync();
        var campaignId = await CreateCampaignAsync(advertiser, CampaignBodies.Serving());
        await WaitUntilServedAsync(advertiser, campaignId);
        var other = await fixture.NewTenantAsync();
        var room = await LiveRoomAsync(other);
        var viewer = await other.AsUserAsync(await other.CreateUserAsync());

        await AssertNothingServedAsync(viewer, room);
    }

    [Fact]
    public async Task TheDecision_IsNoContentInARoomThatIsNotLive_AndNeedsAValidRoomId()
    {
        var tenant = await fixture.NewTenantAsync();
        var campaignId = await CreateCampaignAsync(tenant, CampaignBodies.Serving());
        await WaitUntilServedAsync(tenant, campaignId);
        var scheduled = await tenant.CreateRoomAsync(await tenant.CreateUserAsync(role: "host"));
        var viewer = await tenant.AsUserAsync(await tenant.CreateUserAsync());

        await AssertNothingServedAsync(viewer, scheduled, requests: 10);
        await (await viewer.GetAsync("/api/ads/decision")).AssertFieldErrorAsync("roomId");
        await (await viewer.GetAsync("/api/ads/decision?roomId=bad%20id")).AssertFieldErrorAsync("roomId");
        await (await viewer.GetAsync("/api/ads/decision?roomId=a&roomId=b")).AssertFieldErrorAsync("roomId");
        await (await viewer.GetAsync("/api/ads/decision?roomId=no-such-room")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task TheStreamsProcessedUntilTime_KeepsUpWithTheStream()
    {
        var progress = fixture.AppServices.GetRequiredService<StreamProgress>();
        var processedUntil = await Eventually.MatchesAsync(
            () => progress.ProcessedUntilAsync(CancellationToken.None),
            until => until >= DateTimeOffset.UtcNow.AddSeconds(-20),
            "The stream's processed-until time catching up",
            TimeSpan.FromSeconds(30));

        Assert.True(processedUntil <= DateTimeOffset.UtcNow.AddSeconds(5));
    }

    private static async Task AssertRefusedAsync(Task<HttpResponseMessage> posting, string reason)
    {
        var problem = await (await posting).AssertProblemAsync(400);
        var messages = problem.GetProperty("errors").GetProperty("impressionToken").EnumerateArray().Select(m => m.GetString()).ToArray();
        Assert.Contains(messages, m => m!.Contains(reason, StringComparison.Ordinal));
    }
}
