using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Foundation;

[Collection(DevHostCollection.Name)]
public sealed class PagingTests(DevHostFixture fixture)
{
    [Fact]
    public async Task Users_PagedThroughWithContinuationTokens_ReturnEveryUserExactlyOnce()
    {
        var tenant = await fixture.NewTenantAsync("users");
        var created = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            created.Add(await tenant.CreateUserAsync($"user-{i:00}"));
        }

        var seen = await ReadAllAsync(tenant.Partner, "/api/users", limit: 5);

        Assert.Equal(created.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Rooms_FilteredByStatus_PageThroughOnlyMatchingRooms()
    {
        var tenant = await fixture.NewTenantAsync("users", "rooms", "moderation");
        var host = await tenant.CreateUserAsync(role: "host");
        var live = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var roomId = await tenant.CreateRoomAsync(host, id: $"room-{i:00}");
            if (i % 2 == 0)
            {
                (await tenant.Partner.PostAsync($"/api/rooms/{roomId}/start", body: null)).EnsureStatus(200);
                live.Add(roomId);
            }
        }

        var seen = await ReadAllAsync(tenant.Partner, "/api/rooms?status=live", limit: 4);

        Assert.Equal(live.Order(), seen.Order());
    }

    [Fact]
    public async Task LastPage_HasANullContinuationToken()
    {
        var tenant = await fixture.NewTenantAsync("users");
        await tenant.CreateUserAsync();

        var page = await (await tenant.Partner.GetAsync("/api/users?limit=10")).JsonAsync();

        Assert.Equal(System.Text.Json.JsonValueKind.Null, page.GetProperty("continuationToken").ValueKind);
    }

    private static async Task<List<string>> ReadAllAsync(ApiClient api, string path, int limit)
    {
        var ids = new List<string>();
        string? token = null;
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        for (var pages = 0; pages < 100; pages++)
        {
            var url = $"{path}{separator}limit={limit}" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}");
            var response = await api.GetAsync(url);
            response.EnsureStatus(200);
            var page = await response.JsonAsync();
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray();
            Assert.True(items.Length <= limit);
            ids.AddRange(items);
            token = page.GetProperty("continuationToken").GetString();
            if (token is null)
            {
                return ids;
            }
        }

        throw new InvalidOperationException("Paging did not end after 100 pages.");
    }
}
