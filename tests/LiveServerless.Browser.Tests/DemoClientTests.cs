using System.Net.Http.Json;
using System.Text.Json;
using LiveServerless.DevHost.Local;
using Microsoft.Playwright;

namespace LiveServerless.Browser.Tests;

/// <summary>
/// Two people of a partner's own tenant open the web app, sign in with the partner key and their user ids, enter the same live
/// room and chat: each sees both messages in order, the audience count, and the room statistics pushed after a like and a gift.
/// This is the README's "open two clients and chat" promise for a real tenant, with the official SignalR JavaScript client.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoClientTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TwoViewers_ChatInRealTime_AndSeeTheRoomStatistics()
    {
        var partnerKey = await CreateLiveRoomAsync("jazz-night");
        await GiveCoinsAsync(partnerKey, "viewer-one", "Viewer One", 0);
        await GiveCoinsAsync(partnerKey, "viewer-two", "Viewer Two", 20);
        var one = await OpenClientAsync(partnerKey, "viewer-one");
        var two = await OpenClientAsync(partnerKey, "viewer-two");

        await SayAsync(one, "Hello from one");
        await SayAsync(two, "Hi from two");
        await two.ClickAsync("#likeButton");
        await two.WaitForFunctionAsync("() => document.querySelector('#giftPicker').options.length === 1 && document.querySelector('#balance').textContent === '20'");
        await two.ClickAsync("#giftButton");
        await two.WaitForFunctionAsync("() => document.querySelector('#balance').textContent === '15'");

        foreach (var page in new[] { one, two })
        {
            await page.WaitForFunctionAsync("() => document.querySelectorAll('#messages li').length === 2");
            Assert.Equal(
                ["Viewer One: Hello from one", "Viewer Two: Hi from two"],
                await page.Locator("#messages li").AllTextContentsAsync());
            await page.WaitForFunctionAsync("() => document.querySelector('#viewers').textContent === '2'");
            await page.WaitForFunctionAsync("() => document.querySelector('#giftValue').textContent === '5'", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        }

        fixture.AssertNoConsoleErrors(one, two);
    }

    /// <summary>The old address /demo still works (it redirects to the app); sign in with the key, then pick the room from "Live now".</summary>
    private async Task<IPage> OpenClientAsync(string partnerKey, string userId)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Url("demo/").ToString());
        await page.FillAsync("#partnerKey", partnerKey);
        await page.FillAsync("#userId", userId);
        await page.ClickAsync("#signinButton");
        await page.ClickAsync("#liveRooms a[href='#/rooms/jazz-night']");
        await page.WaitForSelectorAsync("#text:not([disabled])");
        return page;
    }

    private static async Task SayAsync(IPage page, string text)
    {
        await page.FillAsync("#text", text);
        await page.ClickAsync("#sendButton");
        await page.WaitForFunctionAsync("() => document.querySelector('#text').value === ''");
    }

    /// <summary>What the partner's backend does: a tenant, a key, a host and a live room.</summary>
    private async Task<string> CreateLiveRoomAsync(string roomId)
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        var tenant = await PostAsync(http, "/api/tenants", IsolatedDependencies.AdminKey, new { name = "Browser" });
        var key = (await PostAsync(http, $"/api/tenants/{tenant.GetProperty("id").GetString()}/keys", IsolatedDependencies.AdminKey, new { scopes = new[] { "users", "rooms", "moderation", "economy" } }))
            .GetProperty("secret").GetString()!;
        await PostAsync(http, "/api/users", key, new { id = "host", displayName = "Host", role = "host" });
        await PostAsync(http, "/api/rooms", key, new { id = roomId, hostUserId = "host", title = "Late night jazz", tags = new[] { "jazz" } });
        await PostAsync(http, $"/api/rooms/{roomId}/start", key, null);
        await SendAsync(http, HttpMethod.Put, "/api/gifts/rose", key, new { name = "Rose", price = 5 });
        return key;
    }

    /// <summary>What the partner's backend does for a viewer: the user exists, and the coins they bought (if any) are credited.</summary>
    private async Task GiveCoinsAsync(string partnerKey, string userId, string displayName, long coins)
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        await PostAsync(http, "/api/users", partnerKey, new { id = userId, displayName });
        if (coins > 0)
        {
            await PostAsync(http, $"/api/users/{userId}/wallet/credits", partnerKey, new { amount = coins, reference = "purchase-1" });
        }
    }

    private static Task<JsonElement> PostAsync(HttpClient http, string path, string apiKey, object? body) => SendAsync(http, HttpMethod.Post, path, apiKey, body);

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string apiKey, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
