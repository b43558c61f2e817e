using System.Diagnostics;
using System.Net;
using System.Text.Json;
using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Realtime;

/// <summary>
/// One order per room (docs/architecture.md, *One order per room*): every event pushed to a room carries the next <c>seq</c>, arrives in <c>roomEvents</c>
/// batches, and <c>/events?after=</c> returns exactly what followed a seq — so a client that saw a gap, dropped or talked to another
/// instance of the app is whole again, and every client holds the same order.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class RoomEventsTests(DevHostFixture fixture)
{
    [Fact]
    public async Task EveryKindOfRoomEvent_TakesTheNextSeq_AndEventsAfterReturnsExactlyWhatFollowed()
    {
        var scene = await SceneAsync(fixture.Http);
        var (viewer, live, timeline) = await JoinAsync(scene, "viewer", fixture.Http.BaseAddress!);
        await using var _ = live;
        await scene.Tenant.CreateUserAsync("troll");

        // The join's viewer count is an event of the log too: once it is in, nothing but the two posts comes between them.
        await live.WaitForAsync("viewers");
        var first = await (await viewer.PostAsync($"/api/rooms/{scene.RoomId}/messages", new { text = "first" })).JsonAsync();
        var second = await (await viewer.PostAsync($"/api/rooms/{scene.RoomId}/messages", new { text = "second" })).JsonAsync();
        Assert.Equal(first.GetProperty("seq").GetInt64() + 1, second.GetProperty("seq").GetInt64());
        await Moderate(scene, new { action = "pin", messageId = first.GetProperty("id").GetString() });
        await Moderate(scene, new { action = "mute", userId = "troll", durationSeconds = 60 });
        await Moderate(scene, new { action = "deleteMessage", messageId = second.GetProperty("id").GetString() });
        await live.WaitForAsync("roomStats", s => s.GetProperty("messages").GetInt64() == 2);
        await live.WaitForAsync("messageDeleted");
        await live.WaitForAsync("viewers");

        timeline.Take(live.Batches);
        await timeline.CatchUpAsync(scene.Partner);
        Assert.Equal(Enumerable.Range(1, timeline.Seqs.Count).Select(i => timeline.Seqs[0] + i - 1), timeline.Seqs);
        var types = timeline.Events.Select(e => e.GetProperty("type").GetString()).ToArray();
        foreach (var type in new[] { "chatMessage", "pinned", "moderation", "messageDeleted", "roomStats", "viewers" })
        {
            Assert.Contains(type, types);
        }

        Assert.Equal(["first", "second"], timeline.DataOf("chatMessage").Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(first.GetProperty("seq").GetInt64(), timeline.DataOf("chatMessage").First().GetProperty("seq").GetInt64());

        // Exactly what followed, oldest first, paged; the pushed batches agree with the log.
        var after = timeline.Seqs[1];
        var paged = await ReadAllAsync(scene.Partner, scene.RoomId, after, pageSize: 2);
        Assert.Equal(timeline.Seqs.Where(s => s > after), paged.Select(e => e.GetProperty("seq").GetInt64()));
        foreach (var pushed in live.Batches.SelectMany(b => b.GetProperty("events").EnumerateArray()))
        {
            var logged = timeline.Events.Single(e => e.GetProperty("seq").GetInt64() == pushed.GetProperty("seq").GetInt64());
            Assert.Equal(logged.GetProperty("type").GetString(), pushed.GetProperty("type").GetString());
        }

        // History gains seq and lists newest first, in the room's order.
        var history = await (await scene.Partner.GetAsync($"/api/rooms/{scene.RoomId}/messages")).JsonAsync();
        Assert.Equal([first.GetProperty("seq").GetInt64()], history.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task EventsAfter_RefusesBadSeqs_StrangersAndBannedUsers()
    {
        var scene = await SceneAsync(fixture.Http);
        await scene.Tenant.CreateUserAsync("banned");
        await Moderate(scene, new { action = "ban", userId = "banned" });
        var path = $"/api/rooms/{scene.RoomId}/events";

        var badAfter = await (await scene.Partner.GetAsync(path + "?after=-1")).AssertProblemAsync(400);
        Assert.True(badAfter.GetProperty("errors").TryGetProperty("after", out _));
        await (await scene.Partner.GetAsync(path + "?after=abc")).AssertProblemAsync(400);
        await (await scene.Partner.GetAsync(path + "?continuationToken=xyz")).AssertProblemAsync(400);
        await (await scene.Partner.WithKey(null).GetAsync(path)).AssertProblemAsync(401);
        await (await (await scene.Tenant.AsUserAsync("banned")).GetAsync(path)).AssertProblemAsync(403);
        await (await scene.Partner.GetAsync($"/api/rooms/no-such-room/events")).AssertProblemAsync(404);
        var other = await fixture.NewTenantAsync();
        await (await other.Partner.GetAsync(path)).AssertProblemAsync(404);
        var user = await (await scene.Tenant.AsUserAsync(scene.HostId)).GetAsync(path + "?after=0");
        user.EnsureStatus(200);
    }

    [Fact]
    public async Task AClientThatDropsForTenSeconds_HasEveryEventExactlyOnce_AfterReconnecting()
    {
        var scene = await SceneAsync(fixture.Http);
        var (viewer, live, timeline) = await JoinAsync(scene, "viewer", fixture.Http.BaseAddress!);
        await using var _ = live;
        var talker = await scene.Tenant.AsUserAsync(await scene.Tenant.CreateUserAsync("talker"));
        (await talker.PostAsync($"/api/rooms/{scene.RoomId}/join", body: null)).EnsureStatus(200);
        var sent = new List<string>();
        sent.Add(await PostAsync(talker, scene.RoomId, "before the drop"));
        await live.WaitForMessageAsync("before the drop");

        await live.Connection.StopAsync();
        var dropped = Stopwatch.StartNew();
        // Deliberate, and the behaviour under test: the client stays away for ten real seconds while the room moves on.
        for (var i = 0; i < 4; i++)
        {
            sent.Add(await PostAsync(talker, scene.RoomId, $"while away {i}"));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await Moderate(scene, new { action = "slowMode", slowModeSeconds = 0 });
        var away = TimeSpan.FromSeconds(10) - dropped.Elapsed;
        if (away > TimeSpan.Zero)
        {
            await Task.Delay(away);
        }

        await live.Connection.StartAsync();
        (await viewer.PostAsync($"/api/rooms/{scene.RoomId}/join", body: null)).EnsureStatus(200);
        sent.Add(await PostAsync(talker, scene.RoomId, "after the return"));
        await live.WaitForMessageAsync("after the return");

        timeline.Take(live.Batches);
        await timeline.CatchUpAsync(viewer);
        Assert.Equal(sent, timeline.DataOf("chatMessage").Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(Enumerable.Range(0, timeline.Seqs.Count).Select(i => timeline.Seqs[0] + i), timeline.Seqs);
        Assert.Equal(timeline.Seqs.Count, timeline.Events.Select(e => e.GetProperty("seq").GetInt64()).Distinct().Count());
        Assert.Contains(timeline.DataOf("moderation"), m => m.GetProperty("action").GetString() == "slowMode");
    }

    [Fact]
    public async Task TwoInstances_ServingOneRoom_GiveEveryClientTheSameGapFreeOrder()
    {
        await using var second = await fixture.StartDevHostAsync(fixture.SettingsWith(("EventHubs:HubName", DevHostFixture.SecondInstanceHub)));
        using var secondHttp = new HttpClient { BaseAddress = second.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var scene = await SceneAsync(fixture.Http);
        var (_, liveA, timelineA) = await JoinAsync(scene, "watcher-a", fixture.Http.BaseAddress!);
        var (viewerB, liveB, timelineB) = await JoinAsync(scene, "watcher-b", second.BaseAddress, secondHttp);
        await using var a = liveA;
        await using var b = liveB;

        var senders = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i => await scene.Tenant.AsUserAsync(await scene.Tenant.CreateUserAsync($"sender-{i}"))));
        var posts = senders.SelectMany((sender, i) => Enumerable.Range(0, 3).Select(n =>
            PostAsync(n % 2 == 0 ? sender : sender.Against(secondHttp), scene.RoomId, $"{i}/{n}")));
        var moderation = new[]
        {
            scene.Host.Against(secondHttp).PostAsync($"/api/rooms/{scene.RoomId}/moderation", new { action = "slowMode", slowModeSeconds = 0 }),
            scene.Host.PostAsync($"/api/rooms/{scene.RoomId}/moderation", new { action = "slowMode", slowModeSeconds = 0 }),
        };
        var sent = await Task.WhenAll(posts);
        Assert.All(await Task.WhenAll(moderation), r => r.EnsureStatus(201));

        await liveA.WaitForAsync("chatMessage", m => liveA.Of("chatMessage").Count() >= sent.Length, TimeSpan.FromSeconds(30));
        await liveB.WaitForAsync("chatMessage", m => liveB.Of("chatMessage").Count() >= sent.Length, TimeSpan.FromSeconds(30));
        timelineA.Take(liveA.Batches);
        timelineB.Take(liveB.Batches);
        await timelineA.CatchUpAsync(scene.Partner);
        await timelineB.CatchUpAsync(viewerB);

        // Both joined before the first message; from the later join to what both hold, they hold the log itself.
        var first = Math.Max(timelineA.Seqs[0], timelineB.Seqs[0]);
        var last = Math.Min(timelineA.Seqs[^1], timelineB.Seqs[^1]);
        var logged = await ReadAllAsync(scene.Partner, scene.RoomId, timelineA.Seqs[0] - 1, pageSize: 100);
        Assert.Equal(Enumerable.Range(0, logged.Count).Select(i => timelineA.Seqs[0] + i), logged.Select(e => e.GetProperty("seq").GetInt64()));
        bool Shared(JsonElement e) => e.GetProperty("seq").GetInt64() >= first && e.GetProperty("seq").GetInt64() <= last;
        foreach (var timeline in new[] { timelineA, timelineB })
        {
            Assert.Equal(logged.Where(Shared).Select(Identity), timeline.Events.Where(Shared).Select(Identity));
        }

        Assert.Equal(sent.Order(), timelineA.DataOf("chatMessage").Select(m => m.GetProperty("id").GetString()!).Order());
        var history = await ReadHistoryAsync(scene.Partner, scene.RoomId);
        Assert.Equal(timelineA.DataOf("chatMessage").Select(m => m.GetProperty("id").GetString()).Reverse(), history);
    }

    [Fact]
    public async Task TwoInstances_SlowModeMutesAndRateLimits_HoldExactly()
    {
        await using var second = await fixture.StartDevHostAsync(fixture.SettingsWith(("EventHubs:HubName", DevHostFixture.SecondInstanceHub)));
        using var secondHttp = new HttpClient { BaseAddress = second.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var scene = await SceneAsync(fixture.Http);
        var hostOnSecond = scene.Host.Against(secondHttp);

        // A mute given on one instance binds at once on the other, even where that one has just judged the user.
        var muted = await scene.Tenant.AsUserAsync(await scene.Tenant.CreateUserAsync("muted"));
        await PostAsync(muted, scene.RoomId, "warming the first instance");
        (await hostOnSecond.PostAsync($"/api/rooms/{scene.RoomId}/moderation", new { action = "mute", userId = "muted", durationSeconds = 600 })).EnsureStatus(201);
        await (await muted.PostAsync($"/api/rooms/{scene.RoomId}/messages", new { text = "still here?" })).AssertProblemAsync(403);

        // Slow mode set on the second instance: of six posts at once, three on each instance, exactly one is accepted.
        (await hostOnSecond.PostAsync($"/api/rooms/{scene.RoomId}/moderation", new { action = "slowMode", slowModeSeconds = 30 })).EnsureStatus(201);
        var slow = await scene.Tenant.AsUserAsync(await scene.Tenant.CreateUserAsync("slow"));
        var slowAnswers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? slow : slow.Against(secondHttp)).PostAsync($"/api/rooms/{scene.RoomId}/messages", new { text = $"slow {i}" })));
        Assert.Equal(1, slowAnswers.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, slowAnswers.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));

        // The per-user rate limit (a burst of 5, then 1 a second) across both: ten posts at once buy five, plus what refilled meanwhile.
        var freeRoom = await scene.Tenant.CreateRoomAsync(scene.HostId);
        await scene.Tenant.StartRoomAsync(freeRoom);
        var eager = await scene.Tenant.AsUserAsync(await scene.Tenant.CreateUserAsync("eager"));
        var clock = Stopwatch.StartNew();
        var eagerAnswers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? eager : eager.Against(secondHttp)).PostAsync($"/api/rooms/{freeRoom}/messages", new { text = $"eager {i}" })));
        var accepted = eagerAnswers.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.InRange(accepted, 5, 5 + (int)clock.Elapsed.TotalSeconds);
        Assert.All(eagerAnswers.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
    }

    [Fact]
    public async Task AnErasedUsersMessages_KeepTheirSeq_AsDeletions()
    {
        var scene = await SceneAsync(fixture.Http);
        var leaver = await scene.Tenant.AsUserAsync(await scene.Tenant.CreateUserAsync("leaver"));
        var posted = await (await leaver.PostAsync($"/api/rooms/{scene.RoomId}/messages", new { text = "forget me" })).JsonAsync();
        await Moderate(scene, new { action = "pin", messageId = posted.GetProperty("id").GetString() });

        await scene.Tenant.EraseUserAsync("leaver");

        var events = await ReadAllAsync(scene.Partner, scene.RoomId, 0, pageSize: 100);
        var atSeq = events.Single(e => e.GetProperty("seq").GetInt64() == posted.GetProperty("seq").GetInt64());
        Assert.Equal("messageDeleted", atSeq.GetProperty("type").GetString());
        Assert.Equal(posted.GetProperty("id").GetString(), atSeq.GetProperty("data").GetProperty("id").GetString());
        Assert.DoesNotContain("forget me", JsonSerializer.Serialize(events));
        Assert.DoesNotContain("leaver", JsonSerializer.Serialize(events));
    }

    private static string Identity(JsonElement roomEvent) =>
        $"{roomEvent.GetProperty("seq").GetInt64()}:{roomEvent.GetProperty("type").GetString()}:{roomEvent.GetProperty("data").GetRawText()}";

    private async Task<Scene> SceneAsync(HttpClient http)
    {
        var tenant = await fixture.NewTenantAsync();
        var hostId = await tenant.CreateUserAsync("host", role: "host");
        var roomId = await tenant.CreateRoomAsync(hostId);
        await tenant.StartRoomAsync(roomId);
        return new Scene(tenant, hostId, roomId, (await tenant.AsUserAsync(hostId)).Against(http));
    }

    private async Task<(ApiClient Api, RealtimeClient Live, RoomTimeline Timeline)> JoinAsync(Scene scene, string userId, Uri devHost, HttpClient? http = null)
    {
        await scene.Tenant.CreateUserAsync(userId);
        var token = await scene.Tenant.MintTokenAsync(userId);
        var api = scene.Tenant.Partner.WithBearer(token).Against(http ?? fixture.Http);
        var live = await RealtimeClient.ConnectAsync(devHost, token);
        var joined = await (await api.PostAsync($"/api/rooms/{scene.RoomId}/join", body: null)).JsonAsync();
        return (api, live, new RoomTimeline(scene.RoomId, joined.GetProperty("seq").GetInt64()));
    }

    private static async Task Moderate(Scene scene, object action) =>
        (await scene.Host.PostAsync($"/api/rooms/{scene.RoomId}/moderation", action)).EnsureStatus(201);

    private static async Task<string> PostAsync(ApiClient sender, string roomId, string text)
    {
        var posted = await sender.PostAsync($"/api/rooms/{roomId}/messages", new { text });
        posted.EnsureStatus(201);
        return (await posted.JsonAsync()).GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> ReadAllAsync(ApiClient api, string roomId, long after, int pageSize)
    {
        var events = new List<JsonElement>();
        var path = $"/api/rooms/{roomId}/events?after={after}&limit={pageSize}";
        while (true)
        {
            var page = await (await api.GetAsync(path)).JsonAsync();
            events.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            if (page.GetProperty("continuationToken").GetString() is not { } token)
            {
                return events;
            }

            path = $"/api/rooms/{roomId}/events?after={after}&limit={pageSize}&continuationToken={Uri.EscapeDataString(token)}";
        }
    }

    private static async Task<List<string>> ReadHistoryAsync(ApiClient api, string roomId)
    {
        var history = await (await api.GetAsync($"/api/rooms/{roomId}/messages?limit=100")).JsonAsync();
        return [.. history.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];
    }

    private sealed record Scene(Tenant Tenant, string HostId, string RoomId, ApiClient Host)
    {
        public ApiClient Partner => Tenant.Partner;
    }
}
