using System.Net.Http.Json;
using System.Text.Json;
using LiveServerless.DevHost.Worker;
using Microsoft.Playwright;

namespace LiveServerless.Browser.Tests;

/// <summary>
/// The live-room app as a newcomer meets it on DevHost: sign in as a seeded demo user, pick a live room, chat with someone in
/// another browser, lose the connection and come back whole, like, gift, and watch "For you" follow what they did. Every page
/// must stay free of console errors.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveRoomTests(BrowserFixture fixture)
{
    /// <summary>Pushes, stream processing and recommendations take seconds, not milliseconds: wait on the condition, generously.</summary>
    private static readonly PageWaitForFunctionOptions Eventually = new() { Timeout = 90_000, PollingInterval = 200 };

    [Fact]
    public async Task TwoUsers_ChatInRealTime_AndOneThatDropsItsConnection_CatchesUpEveryMessageOnceInOrder()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var bob = await SignInAsync("bob");
        var eve = await SignInAsync("eve");
        await fixture.ScreenshotAsync(eve, "home");
        await EnterRoomAsync(bob, "jazz-night");
        await EnterRoomAsync(eve, "jazz-night");

        await SayAsync(bob, $"{run} hello from Bob");
        await SayAsync(eve, $"{run} hi Bob, Eve here");
        await WaitForMessagesAsync(bob, run, 2);
        await WaitForMessagesAsync(eve, run, 2);

        // Eve's live connection drops and cannot come back for a while: what Bob says meanwhile never reaches her live; once she
        // reconnects she joins again and reads the gap from /events?after=.
        await fixture.DropLiveConnectionAsync(eve, await DemoTenantIdAsync(), "eve");
        await eve.WaitForFunctionAsync("() => document.querySelector('#connectionState').textContent === 'reconnecting'", null, Eventually);
        string[] missed = [$"{run} one", $"{run} two", $"{run} three"];
        foreach (var text in missed)
        {
            await SayAsync(bob, text);
        }

        await fixture.RestoreLiveConnectionAsync(eve);
        // At least Bob's three messages (the room's statistics may have moved in the gap too).
        await eve.WaitForFunctionAsync("() => Number(/^Caught up (\\d+) events\\.$/.exec(document.querySelector('#notice').textContent)?.[1]) >= 3", null, Eventually);
        await eve.WaitForFunctionAsync("() => document.querySelector('#connectionState').textContent === 'connected'", null, Eventually);
        await SayAsync(bob, $"{run} after the reconnect");

        string[] expected = [$"Bob: {run} hello from Bob", $"Eve: {run} hi Bob, Eve here", .. missed.Select(t => $"Bob: {t}"), $"Bob: {run} after the reconnect"];
        foreach (var page in new[] { bob, eve })
        {
            await WaitForMessagesAsync(page, run, expected.Length);
            Assert.Equal(expected, await MessagesOfRunAsync(page, run));
        }

        await fixture.ScreenshotAsync(eve, "live-room");
        fixture.AssertNoConsoleErrors(bob, eve);
    }

    [Fact]
    public async Task LikesFromOneViewer_UpdateTheOtherViewersCounter()
    {
        var bob = await SignInAsync("bob");
        var mia = await SignInAsync("mia");
        await EnterRoomAsync(bob, "chess-blitz");
        await EnterRoomAsync(mia, "chess-blitz");
        var before = await CounterAsync(mia, "#likeCount");

        await bob.ClickAsync("#likeButton");
        await bob.ClickAsync("#likeButton");

        await mia.WaitForFunctionAsync($"() => Number(document.querySelector('#likeCount').textContent) >= {before + 2}", null, Eventually);
        await bob.WaitForFunctionAsync($"() => Number(document.querySelector('#likeCount').textContent) >= {before + 2}", null, Eventually);
        fixture.AssertNoConsoleErrors(bob, mia);
    }

    [Fact]
    public async Task AChatMessageWithMarkup_RendersAsText_AndRunsNothing()
    {
        var eve = await SignInAsync("eve");
        await EnterRoomAsync(eve, "pasta-live");
        var run = Guid.NewGuid().ToString("N")[..6];
        var text = $"{run} <script>window.injected = true</script><img src=x onerror=\"window.injected = true\"><b>bold</b>";

        await SayAsync(eve, text);

        await WaitForMessagesAsync(eve, run, 1);
        Assert.Equal([$"Eve: {text}"], await MessagesOfRunAsync(eve, run));
        Assert.Equal(0, await eve.Locator("#messages script, #messages img, #messages b").CountAsync());
        Assert.True(await eve.EvaluateAsync<bool>("() => window.injected === undefined"));
        fixture.AssertNoConsoleErrors(eve);
    }

    [Fact]
    public async Task AGift_LowersTheBalance_AndRaisesTheRoomsGiftValue_AndTooExpensiveAGiftShowsThe402()
    {
        var bob = await SignInAsync("bob");
        var eve = await SignInAsync("eve");
        await EnterRoomAsync(bob, "pasta-live");
        await EnterRoomAsync(eve, "pasta-live");
        await bob.WaitForFunctionAsync("() => /^\\d+$/.test(document.querySelector('#balance').textContent) && document.querySelector('#giftPicker').options.length === 4");
        var balance = await CounterAsync(bob, "#balance");
        var giftValue = await CounterAsync(eve, "#giftValue");

        await bob.SelectOptionAsync("#giftPicker", "rose");
        await bob.ClickAsync("#giftButton");

        await bob.WaitForFunctionAsync($"() => document.querySelector('#balance').textContent === '{balance - 5}'");
        await eve.WaitForFunctionAsync($"() => Number(document.querySelector('#giftValue').textContent) >= {giftValue + 5}", null, Eventually);
        await eve.WaitForFunctionAsync("() => !document.querySelector('#giftBanner').hidden && document.querySelector('#giftBanner').textContent.includes('gift')", null, Eventually);
        await fixture.ScreenshotAsync(eve, "gift-banner");

        fixture.ExpectProblemAnswer(bob, 402);
        await bob.SelectOptionAsync("#giftPicker", "castle");
        await bob.ClickAsync("#giftButton");
        await bob.WaitForFunctionAsync("() => !document.querySelector('#reactProblem').hidden");
        var problem = await bob.TextContentAsync("#reactProblem");
        Assert.Contains($"You have {balance - 5} coins; this needs 500.", problem, StringComparison.Ordinal);
        Assert.Equal($"{balance - 5}", await bob.TextContentAsync("#balance"));
        fixture.AssertNoConsoleErrors(bob, eve);
    }

    [Fact]
    public async Task ForYou_ChangesAfterInteractions()
    {
        var userId = $"newcomer-{Guid.NewGuid():N}"[..20];
        var partnerKey = await DemoPartnerKeyAsync();
        await CreateViewerAsync(partnerKey, userId);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Url().ToString());
        await page.FillAsync("#partnerKey", partnerKey);
        await page.FillAsync("#userId", userId);
        await page.ClickAsync("#signinButton");
        await page.WaitForSelectorAsync("#forYou > li");
        var before = await page.TextContentAsync("#forYou");
        // The pasted key and the token live in the tab's sessionStorage only: nothing in localStorage, nothing left in the form.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Contains(partnerKey, await page.EvaluateAsync<string>("() => Object.values(sessionStorage).join()"), StringComparison.Ordinal);
        Assert.Equal("", await page.InputValueAsync("#partnerKey"));

        await EnterRoomAsync(page, "pasta-live");
        for (var i = 0; i < 3; i++)
        {
            await page.ClickAsync("#likeButton");
        }

        await SayAsync(page, "this pasta looks great");
        await page.ClickAsync("a.back");
        await page.WaitForFunctionAsync($"before => document.querySelector('#forYou').textContent !== before", before, Eventually);
        await fixture.ScreenshotAsync(page, "for-you");
        fixture.AssertNoConsoleErrors(page);
    }

    [Fact]
    public async Task TheHost_DeletesAMessage_AndItDisappearsForTheViewer()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var alice = await SignInAsync("alice");
        var eve = await SignInAsync("eve");
        await EnterRoomAsync(alice, "jazz-night");
        await EnterRoomAsync(eve, "jazz-night");
        Assert.True(await alice.IsVisibleAsync("#moderation"));
        Assert.False(await eve.IsVisibleAsync("#moderation"));

        await SayAsync(eve, $"{run} please delete me");
        await WaitForMessagesAsync(alice, run, 1);
        await alice.ClickAsync($"#messages li:has-text('{run}') button[aria-label^='Delete']");

        await eve.WaitForFunctionAsync($"run => ![...document.querySelectorAll('#messages li')].some(li => li.textContent.includes(run))", run, Eventually);
        await alice.WaitForFunctionAsync($"run => ![...document.querySelectorAll('#messages li')].some(li => li.textContent.includes(run))", run, Eventually);
        fixture.AssertNoConsoleErrors(alice, eve);
    }

    [Fact]
    public async Task SlowMode_IsAnnounced_AndASecondMessageShowsThe429sTitleAndWhenToRetry()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var carlos = await SignInAsync("carlos");
        var eve = await SignInAsync("eve");
        await EnterRoomAsync(carlos, "chess-blitz");
        await EnterRoomAsync(eve, "chess-blitz");
        fixture.ExpectProblemAnswer(eve, 429);

        await carlos.FillAsync("#slowModeSeconds", "30");
        await carlos.ClickAsync("#slowModeForm button");
        await eve.WaitForFunctionAsync("() => document.querySelector('#slowMode').textContent === 'Slow mode: one message every 30 s.'", null, Eventually);
        await SayAsync(eve, $"{run} first");
        await eve.FillAsync("#text", $"{run} second");
        await eve.ClickAsync("#sendButton");

        await eve.WaitForFunctionAsync("() => !document.querySelector('#chatProblem').hidden");
        Assert.Matches(@"\S.* Try again in \d+ s\.$", await eve.TextContentAsync("#chatProblem"));
        Assert.Equal($"{run} second", await eve.InputValueAsync("#text"));
        await carlos.FillAsync("#slowModeSeconds", "0");
        await carlos.ClickAsync("#slowModeForm button");
        await eve.WaitForFunctionAsync("() => document.querySelector('#slowMode').hidden", null, Eventually);
        fixture.AssertNoConsoleErrors(carlos, eve);
    }

    [Fact]
    public async Task AFailedJoin_ShowsTheProblemsTitle_NeverConnected()
    {
        var bob = await SignInAsync("bob");
        fixture.ExpectProblemAnswer(bob, 404);

        await bob.EvaluateAsync("() => { location.hash = '#/rooms/no-such-room'; }");

        await bob.WaitForFunctionAsync("() => document.querySelector('#connectionState').textContent.startsWith('not joined: ')");
        var title = await bob.TextContentAsync("#error");
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.Equal($"not joined: {title}", await bob.TextContentAsync("#connectionState"));
        Assert.True(await bob.IsDisabledAsync("#text"));
        fixture.AssertNoConsoleErrors(bob);
    }

    [Fact]
    public async Task OnAPhone_TheSignInAndTheRoomFitTheScreen()
    {
        var phone = await fixture.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await phone.GotoAsync(fixture.Url().ToString());
        await phone.WaitForSelectorAsync("#demoUsers button");
        await fixture.ScreenshotAsync(phone, "phone-sign-in");
        await phone.ClickAsync("#demoUsers button[data-user-id='mia']");
        await EnterRoomAsync(phone, "jazz-night");

        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await fixture.ScreenshotAsync(phone, "phone-room");
        fixture.AssertNoConsoleErrors(phone);
    }

    [Fact]
    public async Task TheDevRoutes_AreDevHostsOwn_NoFunctionOfTheWorkerHasADevRoute()
    {
        var routes = fixture.Host.Worker.Functions.Select(f => f.Trigger).OfType<HttpTrigger>().Select(t => t.Route).ToArray();

        Assert.NotEmpty(routes);
        Assert.DoesNotContain(routes, route => route.StartsWith("dev", StringComparison.OrdinalIgnoreCase));
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        var demo = await http.GetFromJsonAsync<JsonElement>("/dev/demo");
        Assert.Equal(6, demo.GetProperty("users").GetArrayLength());
        Assert.Equal(3, demo.GetProperty("rooms").GetArrayLength());
    }

    private async Task<IPage> SignInAsync(string userId)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Url().ToString());
        await page.ClickAsync($"#demoUsers button[data-user-id='{userId}']");
        await page.WaitForSelectorAsync("#liveRooms > li");
        return page;
    }

    private static async Task EnterRoomAsync(IPage page, string roomId)
    {
        await page.ClickAsync($"#liveRooms a[href='#/rooms/{roomId}']");
        await page.WaitForSelectorAsync("#text:not([disabled])");
    }

    private static async Task SayAsync(IPage page, string text)
    {
        await page.FillAsync("#text", text);
        await page.ClickAsync("#sendButton");
        await page.WaitForFunctionAsync("() => document.querySelector('#text').value === ''");
    }

    private static async Task WaitForMessagesAsync(IPage page, string run, int count) =>
        await page.WaitForFunctionAsync(
            "([run, count]) => [...document.querySelectorAll('#messages li')].filter(li => li.textContent.includes(run)).length >= count",
            new object[] { run, count },
            Eventually);

    private static async Task<string[]> MessagesOfRunAsync(IPage page, string run) =>
        [.. (await page.Locator("#messages li").AllTextContentsAsync()).Where(t => t.Contains(run, StringComparison.Ordinal))];

    private static async Task<long> CounterAsync(IPage page, string selector)
    {
        await page.WaitForFunctionAsync($"() => /^\\d+$/.test(document.querySelector('{selector}').textContent)");
        return long.Parse(await page.TextContentAsync(selector) ?? "", System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> DemoTenantIdAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        return (await http.GetFromJsonAsync<JsonElement>("/dev/demo")).GetProperty("tenantId").GetString()!;
    }

    /// <summary>The demo tenant's partner key, as the partner console's "use the demo tenant" button gets it.</summary>
    private async Task<string> DemoPartnerKeyAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        using var response = await http.PostAsync("/dev/partner-key", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
    }

    private async Task CreateViewerAsync(string partnerKey, string userId)
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { id = userId, displayName = "Newcomer" }) };
        request.Headers.Add("X-Api-Key", partnerKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
