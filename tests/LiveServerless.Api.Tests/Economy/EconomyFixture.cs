using System.Text.Json;
using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Economy;

/// <summary>A tenant with a host's live room, a catalog and a viewer: the usual scene of an economy test.</summary>
public sealed record EconomyScene(Tenant Tenant, string RoomId, string HostId, string ViewerId, ApiClient Viewer)
{
    public static async Task<EconomyScene> CreateAsync(DevHostFixture fixture, string viewerId = "viewer")
    {
        var tenant = await fixture.NewTenantAsync();
        var hostId = await tenant.CreateUserAsync("host", role: "host");
        var roomId = await tenant.CreateRoomAsync(hostId);
        await tenant.StartRoomAsync(roomId);
        await tenant.CreateUserAsync(viewerId);
        await tenant.DefineGiftAsync("rose", price: 10);
        await tenant.DefineGiftAsync("castle", price: 1000);
        return new EconomyScene(tenant, roomId, hostId, viewerId, await tenant.AsUserAsync(viewerId));
    }

    public Task<HttpResponseMessage> GiftAsync(ApiClient sender, string giftId, int count = 1, string? idempotencyKey = null) =>
        sender.PostAsync($"/api/rooms/{RoomId}/interactions", new { type = "gift", giftId, count, idempotencyKey });

    public async Task<JsonElement> WalletAsync(string userId) => await (await Tenant.Partner.GetAsync($"/api/users/{userId}/wallet")).JsonAsync();

    public async Task<JsonElement[]> StatementAsync(string userId)
    {
        var entries = new List<JsonElement>();
        string? token = null;
        do
        {
            var page = await (await Tenant.Partner.GetAsync($"/api/users/{userId}/wallet/statement?limit=100" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)))).JsonAsync();
            entries.AddRange(page.GetProperty("items").EnumerateArray());
            token = page.GetProperty("continuationToken").ValueKind == JsonValueKind.String ? page.GetProperty("continuationToken").GetString() : null;
        }
        while (token is not null);

        return [.. entries];
    }

    public async Task<JsonElement> StatsAsync() => await (await Tenant.Partner.GetAsync($"/api/rooms/{RoomId}/stats")).JsonAsync();
}
