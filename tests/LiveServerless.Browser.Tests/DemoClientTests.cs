using System.Net.Http.Json;
using System.Text.Json;
using LiveServerless.DevHost;
using LiveServerless.DevHost.Local;
using Microsoft.Playwright;

namespace LiveServerless.Browser.Tests;

/// <summary>
/// Two people open the demo web client in a browser, sign in, join the same live room and chat: each sees both messages in
/// order, the audience count, and the room statistics pushed after a like and a gift. This is the README's "open two clients
/// and chat" promise, exercised with the official SignalR JavaScript client.
/// </summary>
public sealed class DemoClientTests : IAsyncLifetime
{
    /// <summary>Where a system Chromium or Chrome usually lives (Playwright's own browser download is not used).</summary>
    private static readonly string[] BrowserPaths =
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        @"C:\Program Files\Google\Chrome\Application\chrome.exe",
    ];

    private IsolatedDependencies? _dependencies;

    private DevHostApp? _host;

    private IPlaywright? _playwright;

    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        var browserPath = BrowserPaths.FirstOrDefault(File.Exists);
        Assert.True(browserPath is not null, "The browser test needs Chromium or Chrome (on Debian/Ubuntu: sudo apt-get install chromium; .ci/run installs it).");
        var repoRoot = RepoPaths.FindRoot();
        _dependencies = await IsolatedDependencies.StartAsync(repoRoot, ["interactions"], CancellationToken.None);
        _host = await DevHostApp.StartAsync(new DevHostSettings
        {
            Port = 0,
            RepoRoot = repoRoot,
            DataDirectory = Directory.CreateTempSubdirectory().FullName,
            StartLocalDependencies = false,
            Settings = _dependencies.Settings,
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = browserPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_dependencies is not null)
        {
            await _dependencies.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoViewers_ChatInRealTime_AndSeeTheRoomStatistics()
    {
        var partnerKey = await CreateLiveRoomAsync("jazz-night");
        await GiveCoinsAsync(partnerKey, "viewer-two", "Viewer Two", 20);
        var one = await OpenClientAsync(partnerKey, "viewer-one", "Viewer One");
        var two = await OpenClientAsync(partnerKey, "viewer-two", "Viewer Two");

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
            await page.WaitForFunctionAsync("() => document.querySelector('#stats').textContent.includes('\"giftValue\": 5')", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        }
    }

    private async Task<IPage> OpenClientAsync(string partnerKey, string userId, string displayName)
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(new Uri(_host!.BaseAddress, "demo/").ToString());
        await page.FillAsync("#partnerKey", partnerKey);
        await page.FillAsync("#userId", userId);
        await page.FillAsync("#displayName", displayName);
        await page.ClickAsync("#signinButton");
        await page.WaitForSelectorAsync("#joinButton:not([disabled])");
        await page.ClickAsync("#joinButton");
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
        using var http = new HttpClient { BaseAddress = _host!.BaseAddress };
        var tenant = await PostAsync(http, "/api/tenants", IsolatedDependencies.AdminKey, new { name = "Browser" });
        var key = (await PostAsync(http, $"/api/tenants/{tenant.GetProperty("id").GetString()}/keys", IsolatedDependencies.AdminKey, new { scopes = new[] { "users", "rooms", "moderation", "economy" } }))
            .GetProperty("secret").GetString()!;
        await PostAsync(http, "/api/users", key, new { id = "host", displayName = "Host", role = "host" });
        await PostAsync(http, "/api/rooms", key, new { id = roomId, hostUserId = "host", title = "Late night jazz", tags = new[] { "jazz" } });
        await PostAsync(http, $"/api/rooms/{roomId}/start", key, null);
        await SendAsync(http, HttpMethod.Put, "/api/gifts/rose", key, new { name = "Rose", price = 5 });
        return key;
    }

    /// <summary>What the partner's backend does after a viewer buys coins: the user exists and the coins are credited.</summary>
    private async Task GiveCoinsAsync(string partnerKey, string userId, string displayName, long coins)
    {
        using var http = new HttpClient { BaseAddress = _host!.BaseAddress };
        await PostAsync(http, "/api/users", partnerKey, new { id = userId, displayName });
        await PostAsync(http, $"/api/users/{userId}/wallet/credits", partnerKey, new { amount = coins, reference = "purchase-1" });
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
