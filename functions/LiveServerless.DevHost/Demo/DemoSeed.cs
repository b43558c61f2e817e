using System.Globalization;
using System.Net;
using System.Text.Json;
using LiveServerless.Domain.Tenants;

namespace LiveServerless.DevHost.Demo;

/// <summary>
/// Seeds the demo tenant through the app's own HTTP API with the admin key: users, live rooms with tags, a gift catalog, coins
/// for everyone who is not a host, and a running ad campaign on the demo rooms. Every step is idempotent (409 on an existing
/// user or room, PUT for gifts, credits by payment reference, the campaign looked up by name), so each start repairs what is
/// missing and duplicates nothing.
/// </summary>
public sealed class DemoSeed(DemoApi api, string adminKey, Uri webBase)
{
    /// <summary>Every partner scope: the partner console's "use the demo tenant" button works with this key on every page.</summary>
    private static readonly string[] PartnerScopes = [.. Enum.GetValues<PartnerScope>().Select(s => s.ToString().ToLowerInvariant())];

    public async Task<DemoTenant> RunAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        var tenant = await ExistingTenantAsync(dataDirectory, cancellationToken) ?? await CreateTenantAsync(dataDirectory, cancellationToken);
        var key = tenant.ApiKey;
        foreach (var user in DemoData.Users)
        {
            await api.EnsureAsync(HttpMethod.Post, "/api/users", key, new { id = user.UserId, displayName = user.DisplayName, role = user.Role, tags = user.Tags }, cancellationToken, HttpStatusCode.Conflict);
        }

        foreach (var room in DemoData.Rooms)
        {
            await api.EnsureAsync(HttpMethod.Post, "/api/rooms", key, new { id = room.RoomId, hostUserId = room.HostUserId, title = room.Title, category = room.Category, tags = room.Tags }, cancellationToken, HttpStatusCode.Conflict);
            // 409: live already (or ended by someone trying things; it stays ended).
            await api.EnsureAsync(HttpMethod.Post, $"/api/rooms/{room.RoomId}/start", key, null, cancellationToken, HttpStatusCode.Conflict);
        }

        foreach (var gift in DemoData.Gifts)
        {
            await api.EnsureAsync(HttpMethod.Put, $"/api/gifts/{gift.GiftId}", key, new { name = gift.Name, price = gift.Price }, cancellationToken);
        }

        foreach (var user in DemoData.Spenders)
        {
            await api.EnsureAsync(HttpMethod.Post, $"/api/users/{user.UserId}/wallet/credits", key, new { amount = DemoData.WelcomeCoins, reference = DemoData.WelcomeCoinsReference }, cancellationToken);
        }

        await EnsureCampaignAsync(key, cancellationToken);
        return tenant;
    }

    /// <summary>The tenant of an earlier start, if its key still works (the emulators' data may have been wiped since).</summary>
    private async Task<DemoTenant?> ExistingTenantAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var stored = DemoTenant.Load(dataDirectory);
        if (stored is null)
        {
            return null;
        }

        var probe = await api.SendAsync(HttpMethod.Get, "/api/users?limit=1", stored.ApiKey, null, cancellationToken);
        return probe.IsSuccess ? stored : null;
    }

    private async Task<DemoTenant> CreateTenantAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var tenantId = (await api.EnsureAsync(HttpMethod.Post, "/api/tenants", adminKey, new { name = DemoData.TenantName }, cancellationToken)).Text("id");
        var secret = (await api.EnsureAsync(HttpMethod.Post, $"/api/tenants/{tenantId}/keys", adminKey, new { scopes = PartnerScopes, name = "demo (DevHost)" }, cancellationToken)).Text("secret");
        var tenant = new DemoTenant(tenantId, secret);
        tenant.Save(dataDirectory);
        return tenant;
    }

    /// <summary>One active campaign on the demo rooms' tags; its creative points at this DevHost (the port may differ from the last start).</summary>
    private async Task EnsureCampaignAsync(string key, CancellationToken cancellationToken)
    {
        var creative = new
        {
            title = "Studio headphones — hear every note",
            imageUrl = new Uri(webBase, "app/ad-headphones.svg").ToString(),
            clickUrl = new Uri(webBase, "app/ad-landing.html").ToString(),
        };
        var campaigns = (await api.EnsureAsync(HttpMethod.Get, "/api/campaigns?limit=100", key, null, cancellationToken)).Body!.Value.GetProperty("items");
        var running = campaigns.EnumerateArray().FirstOrDefault(c => IsRunningDemoCampaign(c));
        if (running.ValueKind == JsonValueKind.Object)
        {
            await api.EnsureAsync(HttpMethod.Patch, $"/api/campaigns/{running.GetProperty("id").GetString()}", key, new { creative }, cancellationToken);
            return;
        }

        var now = DateTimeOffset.UtcNow;
        await api.EnsureAsync(HttpMethod.Post, "/api/campaigns", key, new
        {
            name = DemoData.CampaignName,
            bidType = "cpm",
            bid = 5,
            totalBudget = 1000,
            startsAt = now.AddMinutes(-1),
            endsAt = now.AddDays(30),
            targeting = new { tags = DemoData.RoomTags },
            frequencyCapPerDay = 1000,
            creative,
        }, cancellationToken);
    }

    private static bool IsRunningDemoCampaign(JsonElement campaign) =>
        campaign.GetProperty("name").GetString() == DemoData.CampaignName
        && campaign.GetProperty("status").GetString() == "active"
        && DateTimeOffset.Parse(campaign.GetProperty("endsAt").GetString()!, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddDays(1);
}
