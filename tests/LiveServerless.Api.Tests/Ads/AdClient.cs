using System.Text.Json;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Domain.Ads;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Api.Tests.Ads;

/// <summary>The ad routes as the tests drive them, with bounded waits for the serving instance's background refresh.</summary>
public static class AdClient
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task<string> CreateCampaignAsync(Tenant tenant, Dictionary<string, object?> body)
    {
        var created = await tenant.Partner.PostAsync("/api/campaigns", body);
        created.EnsureStatus(201);
        return (await created.JsonAsync()).GetProperty("id").GetString()!;
    }

    /// <summary>A live room of the tenant, hosted by a new host, with <paramref name="tags"/> and <paramref name="category"/>.</summary>
    public static async Task<string> LiveRoomAsync(Tenant tenant, string[]? tags = null, string? category = null)
    {
        var host = await tenant.CreateUserAsync(role: "host");
        var created = await tenant.Partner.PostAsync("/api/rooms", new { hostUserId = host, title = "Live", tags, category });
        created.EnsureStatus(201);
        var roomId = (await created.JsonAsync()).GetProperty("id").GetString()!;
        await tenant.StartRoomAsync(roomId);
        return roomId;
    }

    public static Task<HttpResponseMessage> DecideAsync(ApiClient viewer, string roomId) => viewer.GetAsync($"/api/ads/decision?roomId={roomId}");

    /// <summary>
    /// Waits until the serving instance serves <paramref name="campaignId"/>, seen from a live room and a viewer created for the probe
    /// (one decision's reservation of the campaign's budget). Tests that assert nothing is served elsewhere start from here.
    /// </summary>
    public static async Task WaitUntilServedAsync(Tenant tenant, string campaignId)
    {
        var room = await LiveRoomAsync(tenant);
        var probe = await tenant.AsUserAsync(await tenant.CreateUserAsync());
        await Eventually.MatchesAsync(
            async () => (await ServedAsync(probe, room)).GetProperty("campaignId").GetString(), served => served == campaignId, $"Campaign {campaignId} being served", Deadline);
    }

    /// <summary>
    /// Waits until the serving instance has dropped every campaign for this viewer and room (paused, ended). A campaign it still
    /// holds passes its pacing throttle about one decision in five, and the serving state refreshes every 2 s, so 50 refusals in a
    /// row spanning several refresh intervals mean it is gone.
    /// </summary>
    public static async Task WaitUntilNothingServedAsync(ApiClient viewer, string roomId)
    {
        var quietSpell = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + Deadline;
        var quietSince = DateTime.UtcNow;
        var refusedInARow = 0;
        while (refusedInARow < 50 || DateTime.UtcNow - quietSince < quietSpell)
        {
            var response = await DecideAsync(viewer, roomId);
            if ((int)response.StatusCode == 204)
            {
                refusedInARow++;
            }
            else
            {
                refusedInARow = 0;
                quietSince = DateTime.UtcNow;
            }

            Assert.True(DateTime.UtcNow < deadline, "Ads were still served.");
        }
    }

    /// <summary>
    /// Asks until an ad is served (a new campaign passes its pacing throttle in about one request in five until the pacing timer has
    /// observed it), within the deadline.
    /// </summary>
    public static async Task<JsonElement> ServedAsync(ApiClient viewer, string roomId)
    {
        var served = await Eventually.MatchesAsync(
            async () =>
            {
                var response = await DecideAsync(viewer, roomId);
                if ((int)response.StatusCode != 200)
                {
                    response.EnsureStatus(204);
                }

                return response;
            },
            response => (int)response.StatusCode == 200,
            "An ad being served",
            Deadline);
        return await served.JsonAsync();
    }

    /// <summary>
    /// Every one of <paramref name="requests"/> decisions is a 204. A campaign that could still serve passes its throttle at least one
    /// time in five, so 50 misses in a row would happen by chance less than once in 60,000 runs.
    /// </summary>
    public static async Task AssertNothingServedAsync(ApiClient viewer, string roomId, int requests = 50)
    {
        for (var i = 0; i < requests; i++)
        {
            var response = await DecideAsync(viewer, roomId);
            Assert.True((int)response.StatusCode == 204, $"Decision {i} served an ad: {await response.Content.ReadAsStringAsync()}");
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    /// <summary>
    /// Waits until a click posted now comes the configured click dwell (Ads:ClickDwellSeconds) or more after impressions the server
    /// received by <paramref name="shownBy"/>: the ingest stamps events with this machine's clock, so this is a wait on that clock.
    /// </summary>
    public static async Task WaitPastTheClickDwellAsync(DevHostFixture fixture, DateTimeOffset shownBy)
    {
        var clicksCountFrom = shownBy + fixture.AppServices.GetRequiredService<AdPolicy>().ClickDwell;
        Assert.True(clicksCountFrom < shownBy + Deadline, "The click dwell is longer than the test's deadline.");
        await Eventually.HoldsAsync(() => Task.FromResult(DateTimeOffset.UtcNow >= clicksCountFrom), "The click dwell passing", Deadline);
    }

    public static Task<HttpResponseMessage> TrackAsync(ApiClient viewer, string roomId, string type, string token) =>
        viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { type, impressionToken = token });

    /// <summary>Reads the report until <paramref name="done"/> holds, within the deadline.</summary>
    public static async Task<JsonElement> ReportEventuallyAsync(Tenant tenant, string campaignId, Func<JsonElement, bool> done)
    {
        return await Eventually.MatchesAsync(
            async () => await (await tenant.Partner.GetAsync($"/api/campaigns/{campaignId}/report")).JsonAsync(), done, "The campaign report", Deadline);
    }
}
