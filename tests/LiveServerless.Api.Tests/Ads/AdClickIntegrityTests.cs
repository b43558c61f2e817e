using LiveServerless.Api.Tests.Infrastructure;
using static LiveServerless.Api.Tests.Ads.AdClient;

namespace LiveServerless.Api.Tests.Ads;

/// <summary>
/// A click counts only on an impression that was recorded, and only the click dwell (Ads:ClickDwellSeconds, 1 s here) or more after
/// it. One viewer's events are processed in the order the server received them, so an impression posted after a click is a marker:
/// once the report counts it, the click before it has been judged.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class AdClickIntegrityTests(DevHostFixture fixture)
{
    [Fact]
    public async Task AClick_WithoutARecordedImpression_CountsNothing()
    {
        var (tenant, viewer, room, campaignId) = await CpcCampaignServingAsync();
        var token = (await ServedAsync(viewer, room)).GetProperty("impressionToken").GetString()!;

        (await TrackAsync(viewer, room, "ad_click", token)).EnsureStatus(202);
        (await TrackAsync(viewer, room, "ad_impression", token)).EnsureStatus(202);
        var report = await ReportEventuallyAsync(tenant, campaignId, r => r.GetProperty("impressions").GetInt64() == 1);

        Assert.Equal(0, report.GetProperty("clicks").GetInt64());
        Assert.Equal(0m, report.GetProperty("spend").GetDecimal());
    }

    [Fact]
    public async Task AClick_WithinTheDwell_CountsNothing()
    {
        var (tenant, viewer, room, campaignId) = await CpcCampaignServingAsync();
        var token = (await ServedAsync(viewer, room)).GetProperty("impressionToken").GetString()!;

        // One request: the server stamps both events with the same time, so the click comes 0 s after the impression.
        (await viewer.PostAsync($"/api/rooms/{room}/interactions", new
        {
            events = new[] { new { type = "ad_impression", impressionToken = token }, new { type = "ad_click", impressionToken = token } },
        })).EnsureStatus(202);
        var report = await ReportEventuallyAsync(tenant, campaignId, r => r.GetProperty("impressions").GetInt64() == 1);

        Assert.Equal(0, report.GetProperty("clicks").GetInt64());
        Assert.Equal(0m, report.GetProperty("spend").GetDecimal());
    }

    [Fact]
    public async Task AClick_AfterTheDwell_CountsOnce_AndIsBilledOnce()
    {
        var (tenant, viewer, room, campaignId) = await CpcCampaignServingAsync();
        var token = (await ServedAsync(viewer, room)).GetProperty("impressionToken").GetString()!;
        (await TrackAsync(viewer, room, "ad_impression", token)).EnsureStatus(202);
        await WaitPastTheClickDwellAsync(fixture, shownBy: DateTimeOffset.UtcNow);

        (await TrackAsync(viewer, room, "ad_click", token)).EnsureStatus(202);
        (await TrackAsync(viewer, room, "ad_click", token)).EnsureStatus(202);
        var marker = (await ServedAsync(viewer, room)).GetProperty("impressionToken").GetString()!;
        (await TrackAsync(viewer, room, "ad_impression", marker)).EnsureStatus(202);
        var report = await ReportEventuallyAsync(tenant, campaignId, r => r.GetProperty("impressions").GetInt64() == 2);

        Assert.Equal(1, report.GetProperty("clicks").GetInt64());
        Assert.Equal(0.5m, report.GetProperty("spend").GetDecimal());
        var campaign = await (await tenant.Partner.GetAsync($"/api/campaigns/{campaignId}")).JsonAsync();
        Assert.Equal(0.5m, campaign.GetProperty("spend").GetDecimal());
        Assert.Equal(1, campaign.GetProperty("clicks").GetInt64());
    }

    private async Task<(Tenant Tenant, ApiClient Viewer, string Room, string CampaignId)> CpcCampaignServingAsync()
    {
        var tenant = await fixture.NewTenantAsync();
        var room = await LiveRoomAsync(tenant);
        var viewer = await tenant.AsUserAsync(await tenant.CreateUserAsync());
        var campaignId = await CreateCampaignAsync(tenant, CampaignBodies.Serving(bidType: "cpc", bid: 0.5m));
        await WaitUntilServedAsync(tenant, campaignId);
        return (tenant, viewer, room, campaignId);
    }
}
