namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>Who may call a route.</summary>
public enum Audience
{
    Anonymous,
    Admin,
    Partner,
    User,

    /// <summary>A partner key with the route's scope, or a user token (the service decides what the user may do).</summary>
    PartnerOrUser,
}

/// <summary>The concrete ids a route template is filled with.</summary>
public sealed record RouteIds(
    string TenantId,
    string KeyId,
    string UserId,
    string RoomId,
    string MessageId = "0000000000000000000deadbeef",
    string CampaignId = "00000000000000000000c0ffee",
    string GiftId = "rose",
    string WebhookId = "0000000000000000000000beef",
    string DeliveryId = "evt_00000000000000000000000000000000");

/// <summary>
/// One API route as the tests exercise it: who may call it and a valid body for it. <see cref="Query"/> is the query string a valid
/// call needs (its ids are filled in like the template's), for routes that take an id there rather than in the path.
/// </summary>
public sealed record RouteCase(string Method, string Template, Audience Audience, string? Scope, Func<RouteIds, object?> ValidBody, string? Query = null)
{
    public string Path(RouteIds ids) => Fill(Template + (Query is null ? "" : "?" + Query), ids);

    public bool HasIds => (Template + Query).Contains('{', StringComparison.Ordinal);

    private static string Fill(string template, RouteIds ids) => template
        .Replace("{tenantId}", ids.TenantId, StringComparison.Ordinal)
        .Replace("{keyId}", ids.KeyId, StringComparison.Ordinal)
        .Replace("{userId}", ids.UserId, StringComparison.Ordinal)
        .Replace("{roomId}", ids.RoomId, StringComparison.Ordinal)
        .Replace("{messageId}", ids.MessageId, StringComparison.Ordinal)
        .Replace("{campaignId}", ids.CampaignId, StringComparison.Ordinal)
        .Replace("{giftId}", ids.GiftId, StringComparison.Ordinal)
        .Replace("{webhookId}", ids.WebhookId, StringComparison.Ordinal)
        .Replace("{deliveryId}", ids.DeliveryId, StringComparison.Ordinal);

    public bool AcceptsKeys => Audience is Audience.Partner or Audience.PartnerOrUser;

    /// <summary>A PUT names an object of the caller's own tenant: another tenant's id there creates the caller's own object, never touches theirs.</summary>
    public bool IsUpsert => Method == "PUT";

    public bool AcceptsUserTokens => Audience is Audience.User or Audience.PartnerOrUser;

    public override string ToString() => $"{Method} {Template}";
}

/// <summary>
/// Every route of the API. A test checks this list against the function app itself, so a new function cannot ship
/// without being covered by the auth matrix, the tenant-isolation table and the bad-input table.
/// </summary>
public static class RouteCatalog
{
    public static IReadOnlyList<RouteCase> All { get; } =
    [
        new("GET", "/api/health", Audience.Anonymous, null, _ => null),
        new("GET", "/api/health/live", Audience.Anonymous, null, _ => null),
        new("GET", "/api/health/ready", Audience.Anonymous, null, _ => null),
        new("POST", "/api/tenants", Audience.Admin, null, _ => new { name = "Acme" }),
        new("GET", "/api/tenants/{tenantId}", Audience.Admin, null, _ => null),
        new("PATCH", "/api/tenants/{tenantId}", Audience.Admin, null, _ => new { revenueShare = 0.5m }),
        new("POST", "/api/tenants/{tenantId}/keys", Audience.Admin, null, _ => new { scopes = new[] { "users" } }),
        new("GET", "/api/tenants/{tenantId}/keys", Audience.Admin, null, _ => null),
        new("DELETE", "/api/tenants/{tenantId}/keys/{keyId}", Audience.Admin, null, _ => null),
        new("POST", "/api/users", Audience.Partner, "users", _ => new { displayName = "New user" }),
        new("GET", "/api/users", Audience.Partner, "users", _ => null),
        new("GET", "/api/users/{userId}", Audience.Partner, "users", _ => null),
        new("PATCH", "/api/users/{userId}", Audience.Partner, "users", _ => new { displayName = "Renamed" }),
        new("DELETE", "/api/users/{userId}", Audience.Partner, "users", _ => null),
        new("POST", "/api/users/{userId}/tokens", Audience.Partner, "users", _ => new { lifetimeMinutes = 5 }),
        new("POST", "/api/users/{userId}/tokens/revoke", Audience.Partner, "users", _ => null),
        new("GET", "/api/me", Audience.User, null, _ => null),
        new("POST", "/api/rooms", Audience.Partner, "rooms", ids => new { hostUserId = ids.UserId, title = "New room" }),
        new("GET", "/api/rooms", Audience.Partner, "rooms", _ => null),
        new("GET", "/api/rooms/{roomId}", Audience.Partner, "rooms", _ => null),
        new("PATCH", "/api/rooms/{roomId}", Audience.Partner, "rooms", _ => new { title = "Renamed" }),
        new("DELETE", "/api/rooms/{roomId}", Audience.Partner, "rooms", _ => null),
        new("POST", "/api/rooms/{roomId}/start", Audience.Partner, "rooms", _ => null),
        new("POST", "/api/rooms/{roomId}/end", Audience.Partner, "rooms", _ => null),
        new("POST", "/api/negotiate", Audience.User, null, _ => null),
        new("POST", "/api/rooms/{roomId}/join", Audience.User, null, _ => null),
        new("POST", "/api/rooms/{roomId}/heartbeat", Audience.User, null, _ => null),
        new("POST", "/api/rooms/{roomId}/leave", Audience.User, null, _ => null),
        new("GET", "/api/rooms/{roomId}/viewers", Audience.PartnerOrUser, "rooms", _ => null),
        new("POST", "/api/rooms/{roomId}/messages", Audience.User, null, _ => new { text = "hello" }),
        new("GET", "/api/rooms/{roomId}/messages", Audience.PartnerOrUser, "rooms", _ => null),
        new("GET", "/api/rooms/{roomId}/events", Audience.PartnerOrUser, "rooms", _ => null),
        new("DELETE", "/api/rooms/{roomId}/messages/{messageId}", Audience.PartnerOrUser, "moderation", _ => null),
        new("POST", "/api/rooms/{roomId}/moderation", Audience.PartnerOrUser, "moderation", _ => new { action = "slowMode", slowModeSeconds = 0 }),
        new("GET", "/api/rooms/{roomId}/moderation", Audience.PartnerOrUser, "moderation", _ => null),
        new("POST", "/api/rooms/{roomId}/interactions", Audience.User, null, _ => new { type = "like", count = 3 }),
        new("GET", "/api/rooms/{roomId}/stats", Audience.PartnerOrUser, "reports", _ => null),
        new("GET", "/api/me/recommendations", Audience.User, null, _ => null),
        new("GET", "/api/users/{userId}/profile", Audience.Partner, "reports", _ => null),
        new("GET", "/api/users/{userId}/export", Audience.Partner, "users", _ => null),
        new("GET", "/api/erasures/{userId}", Audience.Partner, "users", _ => null),
        new("POST", "/api/campaigns", Audience.Partner, "ads", _ => CampaignBodies.Valid()),
        new("GET", "/api/campaigns", Audience.Partner, "ads", _ => null),
        new("GET", "/api/campaigns/{campaignId}", Audience.Partner, "ads", _ => null),
        new("PATCH", "/api/campaigns/{campaignId}", Audience.Partner, "ads", _ => new { name = "Renamed" }),
        new("POST", "/api/campaigns/{campaignId}/pause", Audience.Partner, "ads", _ => null),
        new("POST", "/api/campaigns/{campaignId}/resume", Audience.Partner, "ads", _ => null),
        new("GET", "/api/campaigns/{campaignId}/report", Audience.Partner, "ads", _ => null),
        new("GET", "/api/ads/decision", Audience.User, null, _ => null, Query: "roomId={roomId}"),
        new("PUT", "/api/gifts/{giftId}", Audience.Partner, "economy", _ => new { name = "Rose", price = 5 }),
        new("GET", "/api/gifts", Audience.PartnerOrUser, "economy", _ => null),
        new("GET", "/api/gifts/{giftId}", Audience.PartnerOrUser, "economy", _ => null),
        new("DELETE", "/api/gifts/{giftId}", Audience.Partner, "economy", _ => null),
        new("POST", "/api/users/{userId}/wallet/credits", Audience.Partner, "economy", _ => new { amount = 100, reference = "payment-1" }),
        new("GET", "/api/users/{userId}/wallet", Audience.Partner, "economy", _ => null),
        new("GET", "/api/users/{userId}/wallet/statement", Audience.Partner, "economy", _ => null),
        new("GET", "/api/me/wallet", Audience.User, null, _ => null),
        new("GET", "/api/me/wallet/statement", Audience.User, null, _ => null),
        new("POST", "/api/webhooks", Audience.Partner, "webhooks", _ => new { url = ArrangedWebhookUrl, events = new[] { "room.started" } }),
        new("GET", "/api/webhooks", Audience.Partner, "webhooks", _ => null),
        new("GET", "/api/webhooks/{webhookId}", Audience.Partner, "webhooks", _ => null),
        new("PATCH", "/api/webhooks/{webhookId}", Audience.Partner, "webhooks", _ => new { description = "Renamed" }),
        new("DELETE", "/api/webhooks/{webhookId}", Audience.Partner, "webhooks", _ => null),
        new("POST", "/api/webhooks/{webhookId}/test", Audience.Partner, "webhooks", _ => null),
        new("GET", "/api/webhooks/{webhookId}/deliveries", Audience.Partner, "webhooks", _ => null),
        new("POST", "/api/webhooks/{webhookId}/deliveries/{deliveryId}/retry", Audience.Partner, "webhooks", _ => null),
        new("GET", "/api/usage", Audience.Partner, "reports", _ => null),
        new("GET", "/api/usage/tenants", Audience.Admin, null, _ => null),
    ];

    /// <summary>
    /// Where arranged subscriptions point: a loopback port nobody listens on (the discard port), so their deliveries fail at once and
    /// harmlessly; tests of delivery use a receiver of their own.
    /// </summary>
    public const string ArrangedWebhookUrl = "http://127.0.0.1:9/arranged";

    public static TheoryData<string> Where(Func<RouteCase, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (var route in All.Where(predicate))
        {
            data.Add(route.ToString());
        }

        return data;
    }

    public static RouteCase Find(string name) => All.Single(r => r.ToString() == name);
}
