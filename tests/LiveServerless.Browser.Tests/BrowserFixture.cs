using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using LiveServerless.DevHost;
using LiveServerless.DevHost.Local;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Realtime;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace LiveServerless.Browser.Tests;

/// <summary>
/// One DevHost (with the demo tenant seeded, as <c>dotnet run</c> does) on emulators of its own, and one headless Chromium, shared
/// by the browser tests. Every page it opens reports its console errors and uncaught exceptions; tests fail on any.
/// </summary>
public sealed partial class BrowserFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<IPage, ConcurrentQueue<string>> _errors = new();

    private readonly ConcurrentDictionary<IPage, bool> _connectionDown = new();

    private readonly ConcurrentDictionary<IPage, ConcurrentDictionary<int, bool>> _expectedStatuses = new();

    private IsolatedDependencies? _dependencies;

    private IPlaywright? _playwright;

    public DevHostApp Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots of the main screens, saved with the test results.</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var browserPath = SystemChromium.RequirePath();
        var repoRoot = RepoPaths.FindRoot();
        _dependencies = await IsolatedDependencies.StartAsync(repoRoot, ["interactions"], CancellationToken.None);
        Host = await DevHostApp.StartAsync(new DevHostSettings
        {
            Port = 0,
            RepoRoot = repoRoot,
            DataDirectory = Directory.CreateTempSubdirectory().FullName,
            StartLocalDependencies = false,
            SeedDemo = true,
            Settings = _dependencies.Settings,
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await SystemChromium.LaunchAsync(_playwright, browserPath);
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (_dependencies is not null)
        {
            await _dependencies.DisposeAsync();
        }
    }

    public Uri Url(string relative = "") => new(Host.BaseAddress, relative);

    /// <summary>A page in a browser context of its own (its own session storage and network), watched for console errors.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        var page = await context.NewPageAsync();
        var errors = _errors.GetOrAdd(page, _ => new ConcurrentQueue<string>());
        page.Console += (_, message) =>
        {
            // While a test keeps the page's live connection down on purpose, the browser reports the requests that fail; and it logs
            // every non-2xx answer, including a problem the page shows on purpose (a test names those it provokes).
            if (message.Type == "error" && !_connectionDown.ContainsKey(page) && !IsExpectedProblemAnswer(page, message.Text))
            {
                errors.Enqueue($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => errors.Enqueue($"uncaught: {error}");
        return page;
    }

    /// <summary>The test provokes a problem answer with this status on the page (e.g. 402 for a gift beyond the balance).</summary>
    public void ExpectProblemAnswer(IPage page, int status) => _expectedStatuses.GetOrAdd(page, _ => new())[status] = true;

    /// <summary>
    /// Drops a page's live connection and keeps it from coming back: SignalR Service closes the user's connections (the
    /// emulator's REST operation POST /api/hubs/{hub}/users/{user}/:closeConnections, authorised like the app's own REST calls)
    /// and the page's negotiate requests fail until <see cref="RestoreLiveConnectionAsync"/>.
    /// </summary>
    public async Task DropLiveConnectionAsync(IPage page, string tenantId, string userId)
    {
        _connectionDown[page] = true;
        await page.RouteAsync("**/api/negotiate**", route => route.AbortAsync("internetdisconnected"));
        var settings = _dependencies!.Settings;
        var tokens = new SignalRTokens(
            Options.Create(new SignalROptions { ConnectionString = settings["SignalR:ConnectionString"]!, HubName = settings.GetValueOrDefault("SignalR:HubName") ?? "live" }),
            TimeProvider.System);
        var uri = new Uri(tokens.Connection.ServiceUri, $"/api/hubs/{tokens.HubName}/users/{Uri.EscapeDataString(RealtimeNames.User(tenantId, userId))}/:closeConnections?api-version=2022-06-01");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.ForServer(uri));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Lets the page's reconnect attempts through again.</summary>
    public async Task RestoreLiveConnectionAsync(IPage page)
    {
        await page.UnrouteAsync("**/api/negotiate**");
        _connectionDown.TryRemove(page, out _);
    }

    /// <summary>Fails with every console error and uncaught exception the pages had.</summary>
    public void AssertNoConsoleErrors(params IPage[] pages) =>
        Assert.Empty(pages.SelectMany(page => _errors.TryGetValue(page, out var errors) ? errors : []));

    private bool IsExpectedProblemAnswer(IPage page, string text) =>
        FailedResponse().Match(text) is { Success: true } match
        && _expectedStatuses.TryGetValue(page, out var statuses)
        && statuses.ContainsKey(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^Failed to load resource: the server responded with a status of (\d{3})")]
    private static partial Regex FailedResponse();

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
