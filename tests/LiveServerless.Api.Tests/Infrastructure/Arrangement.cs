namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>
/// A tenant with a host, a live room, one chat message, a campaign (starting tomorrow) and a webhook subscription with one (test)
/// delivery: every id a route template can ask for.
/// </summary>
public sealed record Arrangement(Tenant Tenant, RouteIds Ids, ApiClient HostUser)
{
    public static async Task<Arrangement> CreateAsync(DevHostFixture fixture)
    {
        var tenant = await fixture.NewTenantAsync();
        var hostId = await tenant.CreateUserAsync(role: "host");
        var roomId = await tenant.CreateRoomAsync(hostId);
        await tenant.StartRoomAsync(roomId);
        var host = await tenant.AsUserAsync(hostId);
        var posted = await host.PostAsync($"/api/rooms/{roomId}/messages", new { text = "first" });
        posted.EnsureStatus(201);
        var messageId = (await posted.JsonAsync()).GetProperty("id").GetString()!;
        await tenant.DefineGiftAsync("rose", price: 5);
        var campaign = await tenant.Partner.PostAsync("/api/campaigns", CampaignBodies.Valid());
        campaign.EnsureStatus(201);
        var campaignId = (await campaign.JsonAsync()).GetProperty("id").GetString()!;
        var webhook = await tenant.Partner.PostAsync("/api/webhooks", new { url = RouteCatalog.ArrangedWebhookUrl, events = new[] { "deadletter.created" } });
        webhook.EnsureStatus(201);
        var webhookId = (await webhook.JsonAsync()).GetProperty("id").GetString()!;
        var test = await tenant.Partner.PostAsync($"/api/webhooks/{webhookId}/test", body: null);
        test.EnsureStatus(202);
        var deliveryId = (await test.JsonAsync()).GetProperty("id").GetString()!;
        return new Arrangement(tenant, new RouteIds(tenant.Id, tenant.KeyId, hostId, roomId, messageId, campaignId, WebhookId: webhookId, DeliveryId: deliveryId), host);
    }

    /// <summary>The client a route is meant to be called with: admin key, partner key, or the host's user token.</summary>
    public ApiClient ClientFor(RouteCase route, DevHostFixture fixture) => route.Audience switch
    {
        Audience.Admin => fixture.Admin,
        Audience.User => HostUser,
        _ => Tenant.Partner,
    };
}
