using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveServerless.DevHost;
using LiveServerless.DevHost.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace LiveServerless.Browser.Tests;

/// <summary>
/// A partner opens the console with its key and sees its tenant as pictures: a room's night (viewers, likes and gifts, heat)
/// drawn from its event log, top gifters and the moderation log; a campaign's pacing, CTR and remaining budget; wallets and a
/// statement; a webhook's failed delivery, retried from the console; usage per day. Everything shown was made through the
/// partner and user APIs first, the way a partner's backend and its viewers would.
/// </summary>
public sealed class ConsoleTests : IAsyncLifetime
{
    /// <summary>The console's charts (each a container id; its canvas is id-canvas).</summary>
    private static readonly string[] Charts = ["roomViewersChart", "roomEngagementChart", "roomHeatChart", "pacingChart", "usageChart"];

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>Screenshots of the console's screens, saved beside the test results.</summary>
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private IsolatedDependencies? _dependencies;

    private DevHostApp? _host;

    private IPlaywright? _playwright;

    private IBrowser? _browser;

    private FailingThenHealthyReceiver? _receiver;

    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var browserPath = SystemChromium.RequirePath();
        var repoRoot = RepoPaths.FindRoot();
        _dependencies = await IsolatedDependencies.StartAsync(repoRoot, ["interactions"], CancellationToken.None);
        _host = await DevHostApp.StartAsync(new DevHostSettings
        {
            Port = 0,
            RepoRoot = repoRoot,
            DataDirectory = Directory.CreateTempSubdirectory().FullName,
            StartLocalDependencies = false,
            Settings = new Dictionary<string, string?>(_dependencies.Settings)
            {
                // The click may follow its impression at once (the dwell is tested by the ad tests).
                ["Ads:ClickDwellSeconds"] = "0",
                ["Limits:AdDecisionsPerMinute"] = "1000000",

                // The failed delivery waits for the console's retry button: no automatic retry comes first.
                ["Webhooks:FirstRetryDelay"] = "01:00:00",
            },
        });
        _http = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _receiver = await FailingThenHealthyReceiver.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await SystemChromium.LaunchAsync(_playwright, browserPath);
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        _http?.Dispose();
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
    public async Task EveryChartAndTable_ShowsTheTenantsData_AndAFailedDeliveryIsRetriedFromTheConsole()
    {
        // Without a seeded demo tenant (this DevHost seeds none) the offer to use it goes away when taken, with a word why.
        var first = await _browser!.NewPageAsync();
        await first.GotoAsync(new Uri(_host!.BaseAddress, "console/").ToString());
        await first.ClickAsync("#demoButton");
        await first.WaitForSelectorAsync("#demoOffer", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        Assert.Contains("no demo tenant", await first.TextContentAsync("#signinStatus"), StringComparison.Ordinal);
        await first.CloseAsync();

        var key = await ANightOfTheTenantAsync();
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "en-US" });
        var consoleErrors = CollectErrors(page);

        await page.GotoAsync(new Uri(_host.BaseAddress, "console/").ToString());
        await page.FillAsync("#partnerKey", key);
        await page.ClickAsync("#signinButton");
        await page.WaitForSelectorAsync("body[data-loaded='true']");

        foreach (var chart in Charts)
        {
            await AssertChartDrawnWithDataAsync(page, chart);
        }

        Assert.Equal(["Viewer One (viewer-one)", "10"], await page.Locator("#topGifters tbody tr").First.Locator("td").AllTextContentsAsync());
        var moderation = await page.Locator("#moderationLog tbody tr").First.Locator("td").AllTextContentsAsync();
        Assert.Equal(["mute", "Troll (troll)", "partner"], new[] { moderation[1], moderation[2], moderation[3].Split(' ')[0] });
        Assert.Equal("1", await FigureAsync(page, "campaignFigures", "Impressions"));
        Assert.Equal("1", await FigureAsync(page, "campaignFigures", "Clicks"));
        Assert.Equal("100%", await FigureAsync(page, "campaignFigures", "CTR"));
        Assert.Equal("3", await FigureAsync(page, "roomTotals", "Likes"));

        var viewerOne = page.Locator("#walletTable tbody tr", new PageLocatorOptions { HasText = "(viewer-one)" });
        Assert.Equal(["Viewer One (viewer-one)", "viewer", "90", "100", "10", "0.00"], (await viewerOne.Locator("td").AllTextContentsAsync()).Take(6));
        await viewerOne.GetByRole(AriaRole.Button).ClickAsync();
        await page.WaitForSelectorAsync("#statementTable tbody tr >> nth=1");
        Assert.Equal(["giftSent", "credit"], await page.Locator("#statementTable tbody tr td:nth-child(2)").AllTextContentsAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "console.png"), FullPage = true });

        // The webhook's delivery failed with a 500; the retry button, used from the keyboard, sends it again and it is delivered.
        await page.Locator("#webhookTable tbody tr").First.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Deliveries to" }).ClickAsync();
        var delivery = page.Locator("#deliveryTable tbody tr", new PageLocatorOptions { HasText = "wallet.credited" });
        await delivery.WaitForAsync();
        var cells = await delivery.Locator("td").AllTextContentsAsync();
        Assert.Equal(["pending", "1"], new[] { cells[2], cells[3] });
        Assert.Contains(": 500 (", cells[4], StringComparison.Ordinal);
        await delivery.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Retry delivery" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#deliveriesStatus:has-text('is being sent again')");
        await EventuallyAsync(async () =>
        {
            await page.ClickAsync("#deliveriesRefresh");
            return await delivery.Locator("td:nth-child(3)").TextContentAsync() == "delivered";
        }, "the retried delivery to be delivered");
        Assert.Equal(2, _receiver!.Received.Count(r => r.Id == cells[0]));
        await page.Locator("#webhooks").ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "console-webhooks.png") });

        // Signing out forgets the key and leaves nothing of the tenant on the page.
        await page.ClickAsync("#signoutButton");
        await page.WaitForSelectorAsync("#partnerKey:visible");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length + document.querySelectorAll('#console canvas, #console tbody tr').length"));
        Assert.Empty(consoleErrors);

        // On a phone: one column that fits the width, every chart still drawn; nothing kept in local storage.
        var phone = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "en-US",
        });
        var small = await phone.NewPageAsync();
        var phoneErrors = CollectErrors(small);
        await small.GotoAsync(new Uri(_host.BaseAddress, "console/").ToString());
        await small.FillAsync("#partnerKey", key);
        await small.Keyboard.PressAsync("Enter");
        await small.WaitForSelectorAsync("body[data-loaded='true']");
        foreach (var chart in Charts)
        {
            await AssertChartDrawnWithDataAsync(small, chart);
        }

        Assert.True(await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The console scrolls sideways on a phone.");
        Assert.Equal(0, await small.EvaluateAsync<int>("() => localStorage.length"));
        await small.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "console-phone.png"), FullPage = true });
        Assert.Empty(phoneErrors);
    }

    /// <summary>
    /// The chart is a chart.js chart with at least one dataset holding a number, its canvas has pixels drawn, it is named for
    /// assistive technology, and its data table has a row per point.
    /// </summary>
    private static async Task AssertChartDrawnWithDataAsync(IPage page, string chartId)
    {
        var facts = await page.EvaluateAsync<JsonElement>(
            """
            id => {
              const canvas = document.getElementById(`${id}-canvas`);
              if (!canvas) return { found: false };
              const chart = window.Chart.getChart(canvas);
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let drawn = 0;
              for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) drawn++;
              return {
                found: true,
                datasetsWithData: chart.data.datasets.filter(d => d.data.some(v => typeof v === 'number')).length,
                points: chart.data.labels.length,
                drawn,
                label: canvas.getAttribute('aria-label') ?? '',
                role: canvas.getAttribute('role'),
                tableRows: document.querySelectorAll(`#${id} details tbody tr`).length,
              };
            }
            """,
            chartId);
        Assert.True(facts.GetProperty("found").GetBoolean(), $"{chartId} has no canvas: {await page.Locator($"#{chartId}").TextContentAsync()}");
        Assert.True(facts.GetProperty("datasetsWithData").GetInt32() >= 1, $"{chartId} has no dataset with data.");
        Assert.True(facts.GetProperty("drawn").GetInt32() > 0, $"{chartId}'s canvas is blank.");
        Assert.Equal("img", facts.GetProperty("role").GetString());
        Assert.Contains(" point", facts.GetProperty("label").GetString(), StringComparison.Ordinal);
        Assert.Equal(facts.GetProperty("points").GetInt32(), facts.GetProperty("tableRows").GetInt32());
    }

    private static async Task<string?> FigureAsync(IPage page, string listId, string term) =>
        await page.Locator($"#{listId} div", new PageLocatorOptions { Has = page.Locator("dt", new PageLocatorOptions { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{term}$") }) })
            .Locator("dd").TextContentAsync();

    private static ConcurrentQueue<string> CollectErrors(IPage page)
    {
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Enqueue(error);
        return errors;
    }

    /// <summary>
    /// What a partner's backend and its viewers do in one evening: a tenant with a key for every scope, a webhook subscription to a
    /// receiver that fails its first call, a live room with two viewers who like and gift, a muted troll, and a campaign whose ad one
    /// viewer sees and clicks. Returns the key once the stream processor has counted all of it.
    /// </summary>
    private async Task<string> ANightOfTheTenantAsync()
    {
        var tenant = await SendAsync(HttpMethod.Post, "/api/tenants", IsolatedDependencies.AdminKey, new { name = "Console" });
        var key = (await SendAsync(HttpMethod.Post, $"/api/tenants/{tenant.GetProperty("id").GetString()}/keys", IsolatedDependencies.AdminKey,
            new { scopes = new[] { "users", "rooms", "moderation", "ads", "reports", "economy", "webhooks" } })).GetProperty("secret").GetString()!;

        await SendAsync(HttpMethod.Post, "/api/webhooks", key, new { url = _receiver!.Url, events = new[] { "wallet.credited" } });
        await SendAsync(HttpMethod.Post, "/api/users", key, new { id = "host", displayName = "Host", role = "host" });
        await SendAsync(HttpMethod.Post, "/api/users", key, new { id = "viewer-one", displayName = "Viewer One", tags = new[] { "jazz" } });
        await SendAsync(HttpMethod.Post, "/api/users", key, new { id = "viewer-two", displayName = "Viewer Two" });
        await SendAsync(HttpMethod.Post, "/api/users", key, new { id = "troll", displayName = "Troll" });
        await SendAsync(HttpMethod.Post, "/api/rooms", key, new { id = "jazz-night", hostUserId = "host", title = "Late night jazz", tags = new[] { "jazz" } });
        await SendAsync(HttpMethod.Post, "/api/rooms/jazz-night/start", key, null);
        await SendAsync(HttpMethod.Put, "/api/gifts/rose", key, new { name = "Rose", price = 5 });
        await SendAsync(HttpMethod.Post, "/api/users/viewer-one/wallet/credits", key, new { amount = 100, reference = "purchase-1" });
        var campaign = await SendAsync(HttpMethod.Post, "/api/campaigns", key, new
        {
            name = "Late night vinyl",
            bidType = "cpm",
            bid = 2m,
            totalBudget = 100m,
            startsAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            endsAt = DateTimeOffset.UtcNow.AddDays(7),
            targeting = new { tags = new[] { "jazz" } },
            frequencyCapPerDay = 1000,
            creative = new { title = "Vinyl week", imageUrl = "https://cdn.example.com/vinyl.png", clickUrl = "https://shop.example.com/vinyl" },
        });

        var one = await TokenAsync(key, "viewer-one");
        var two = await TokenAsync(key, "viewer-two");
        await SendAsync(HttpMethod.Post, "/api/rooms/jazz-night/join", one, null);
        await SendAsync(HttpMethod.Post, "/api/rooms/jazz-night/join", two, null);
        await SendAsync(HttpMethod.Post, "/api/rooms/jazz-night/interactions", one, new { type = "like", count = 3 });
        await SendAsync(HttpMethod.Post, "/api/rooms/jazz-night/interactions", one, new { type = "gift", giftId = "rose", count = 2, idempotencyKey = "tap-1" });
        await SendAsync(HttpMethod.Post, "/api/rooms/jazz-night/moderation", key, new { action = "mute", userId = "troll", durationSeconds = 600 });

        var impressionToken = await EventuallyAsync(async () =>
        {
            using var decision = await RequestAsync(HttpMethod.Get, "/api/ads/decision?roomId=jazz-night", one, null);
            return decision.StatusCode == HttpStatusCode.OK
                ? (await decision.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("impressionToken").GetString()
                : null;
        }, "an ad to be served");
        var campaignId = campaign.GetProperty("id").GetString();
        await SendAsync(HttpMethod.Post, "/api/rooms/jazz-night/interactions", one, new { type = "ad_impression", impressionToken });
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"/api/campaigns/{campaignId}/report", key, null)).GetProperty("impressions").GetInt64() == 1, "the impression to be counted");
        await SendAsync(HttpMethod.Post, "/api/rooms/jazz-night/interactions", one, new { type = "ad_click", impressionToken });
        await EventuallyAsync(async () => (await SendAsync(HttpMethod.Get, $"/api/campaigns/{campaignId}/report", key, null)).GetProperty("clicks").GetInt64() == 1, "the click to be counted");

        await EventuallyAsync(async () =>
        {
            var events = (await SendAsync(HttpMethod.Get, "/api/rooms/jazz-night/events?after=0&limit=100", key, null)).GetProperty("items").EnumerateArray().ToList();
            return events.Any(e => e.GetProperty("type").GetString() == "viewers" && e.GetProperty("data").GetProperty("count").GetInt32() == 2)
                && events.Any(e => e.GetProperty("type").GetString() == "roomStats" && e.GetProperty("data").GetProperty("giftCount").GetInt64() == 2 && e.GetProperty("data").GetProperty("likes").GetInt64() == 3);
        }, "the room's viewers and statistics in its event log");
        await EventuallyAsync(() => Task.FromResult(_receiver.Received.Count == 1), "the webhook's first (failing) delivery");
        await EventuallyAsync(async () =>
        {
            var webhooks = await SendAsync(HttpMethod.Get, "/api/webhooks", key, null);
            var deliveries = await SendAsync(HttpMethod.Get, $"/api/webhooks/{webhooks.GetProperty("items")[0].GetProperty("id").GetString()}/deliveries", key, null);
            return deliveries.GetProperty("items").EnumerateArray().Any(d => d.GetProperty("attempts").GetArrayLength() == 1);
        }, "the failed attempt in the delivery log");
        return key;
    }

    private async Task<string> TokenAsync(string key, string userId) =>
        (await SendAsync(HttpMethod.Post, $"/api/users/{userId}/tokens", key, new { })).GetProperty("token").GetString()!;

    /// <summary>Sends with an API key or a user token, and expects a success.</summary>
    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string credential, object? body)
    {
        using var response = await RequestAsync(method, path, credential, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> RequestAsync(HttpMethod method, string path, string credential, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        // A user token is a JWT (its header is base64url JSON, "eyJ…"); anything else is a partner or the admin key.
        if (credential.StartsWith("eyJ", StringComparison.Ordinal))
        {
            request.Headers.Authorization = new("Bearer", credential);
        }
        else
        {
            request.Headers.Add("X-Api-Key", credential);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Polls <paramref name="probe"/> until it gives a value (non-null, or true), within the deadline.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await probe();
            if (value is not null && value is not false)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Waited in vain for {what}.");
            await Task.Delay(100);
        }
    }

    /// <summary>A partner's webhook endpoint on loopback (Kestrel) that answers its first call with 500 and every later one with 200.</summary>
    private sealed class FailingThenHealthyReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private readonly ConcurrentQueue<(string? Id, int Status)> _received = new();

        private FailingThenHealthyReceiver(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public IReadOnlyList<(string? Id, int Status)> Received => [.. _received];

        public static async Task<FailingThenHealthyReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var receiver = new FailingThenHealthyReceiver(app);
            app.Run(receiver.Handle);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            receiver.Url = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/hooks";
            return receiver;
        }

        private Task Handle(HttpContext context)
        {
            var status = _received.IsEmpty ? 500 : 200;
            _received.Enqueue((context.Request.Headers["webhook-id"].FirstOrDefault(), status));
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
