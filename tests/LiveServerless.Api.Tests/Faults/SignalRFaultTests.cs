using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Api.Tests.Faults;

/// <summary>
/// A push is never part of a write (docs/architecture.md, *Faults*): an app instance whose SignalR Service hangs, answers 503 or resets
/// connections still stores chat, records presence, applies and audits moderation, and counts the stream exactly — every effect
/// kept, nothing dead-lettered; clients catch up from history and stats.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed partial class SignalRFaultTests(DevHostFixture fixture)
{
    public static TheoryData<string> Faults => ["hang", "503", "reset"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task SignalRFaulty_WritesKeepEveryEffect_AndAnswerWithoutErrors(string faultName)
    {
        await using var signalR = new FaultProxy(SignalRPort(), FaultNamed(faultName));
        await using var app = await fixture.StartDevHostAsync(fixture.SettingsWith(
            ("SignalR:ConnectionString", $"Endpoint=http://localhost;Port={signalR.Port};AccessKey={DevHostFixture.SignalRAccessKey};Version=1.0;"),
            ("EventHubs:HubName", "faults-signalr"),
            ("Logging:LogLevel:Default", "None")));
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var tenant = await fixture.NewTenantAsync();
        var partner = tenant.Partner.Against(http);
        var hostId = await tenant.CreateUserAsync("host", role: "host");
        var roomId = await tenant.CreateRoomAsync(hostId, tags: ["jazz"]);
        await tenant.StartRoomAsync(roomId);
        await tenant.CreateUserAsync("viewer");
        var viewer = new ApiClient(http, bearerToken: await tenant.MintTokenAsync("viewer"));
        var host = new ApiClient(http, bearerToken: await tenant.MintTokenAsync(hostId));

        var joined = await viewer.PostAsync($"/api/rooms/{roomId}/join", body: null);
        joined.EnsureStatus(200);
        Assert.False((await joined.JsonAsync()).GetProperty("live").GetBoolean());
        var viewers = await (await partner.GetAsync($"/api/rooms/{roomId}/viewers")).JsonAsync();
        Assert.Equal(["viewer"], viewers.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("userId").GetString()));

        var posted = await viewer.PostAsync($"/api/rooms/{roomId}/messages", new { text = "hello through the outage" });
        posted.EnsureStatus(201);
        Assert.Equal("queued", posted.Headers.GetValues("X-Delivery").Single());
        var messageId = (await posted.JsonAsync()).GetProperty("id").GetString();
        var history = await (await partner.GetAsync($"/api/rooms/{roomId}/messages")).JsonAsync();
        Assert.Equal([messageId], history.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var missed = await (await viewer.GetAsync($"/api/rooms/{roomId}/events?after=0")).JsonAsync();
        Assert.Contains(missed.GetProperty("items").EnumerateArray(), e => e.GetProperty("type").GetString() == "chatMessage" && e.GetProperty("data").GetProperty("id").GetString() == messageId);

        (await host.PostAsync($"/api/rooms/{roomId}/moderation", new { action = "mute", userId = "viewer", durationSeconds = 600 })).EnsureStatus(201);
        await (await viewer.PostAsync($"/api/rooms/{roomId}/messages", new { text = "muted" })).AssertProblemAsync(403);
        var log = await (await partner.GetAsync($"/api/rooms/{roomId}/moderation")).JsonAsync();
        Assert.Equal(["mute"], log.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()));

        (await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { events = new object[] { new { type = "like", count = 7 }, new { type = "share" } } })).EnsureStatus(202);
        var stats = await Eventually.MatchesAsync(
            async () => await (await partner.GetAsync($"/api/rooms/{roomId}/stats")).JsonAsync(),
            s => s.GetProperty("likes").GetInt64() == 7 && s.GetProperty("shares").GetInt64() == 1 && s.GetProperty("messages").GetInt64() == 1,
            "room statistics counting through the SignalR outage");
        Assert.Equal(7, stats.GetProperty("likes").GetInt64());
        await Eventually.MatchesAsync(
            async () => await (await partner.GetAsync("/api/users/viewer/profile")).JsonAsync(),
            p => p.TryGetProperty("engagement", out var engagement) && engagement.GetProperty("likes").GetInt64() == 7,
            "the viewer's profile counting through the SignalR outage");
        Assert.Empty(await DeadLettersOfAsync(tenant.Id));
        Assert.True(signalR.FaultedConnections > 0, "the app never reached the faulty SignalR endpoint");
    }

    [Fact]
    public async Task SignalRRecovers_AViewerWhoJoinedDuringTheOutage_IsAddedToTheRoomGroup()
    {
        await using var signalR = new FaultProxy(SignalRPort(), Fault.Answer(503));
        await using var app = await fixture.StartDevHostAsync(fixture.SettingsWith(
            ("SignalR:ConnectionString", $"Endpoint=http://localhost;Port={signalR.Port};AccessKey={DevHostFixture.SignalRAccessKey};Version=1.0;"),
            ("EventHubs:HubName", "faults-signalr"),
            ("Logging:LogLevel:Default", "None")));
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var tenant = await fixture.NewTenantAsync();
        var hostId = await tenant.CreateUserAsync("host", role: "host");
        var roomId = await tenant.CreateRoomAsync(hostId);
        await tenant.StartRoomAsync(roomId);
        await tenant.CreateUserAsync("viewer");
        var token = await tenant.MintTokenAsync("viewer");
        var viewer = new ApiClient(http, bearerToken: token);
        await using var live = await RealtimeClient.ConnectAsync(fixture.Http.BaseAddress!, token);

        var joined = await viewer.PostAsync($"/api/rooms/{roomId}/join", body: null);
        Assert.False((await joined.JsonAsync()).GetProperty("live").GetBoolean());
        signalR.Fault = Fault.None;

        await Eventually.MatchesAsync<int>(
            async () =>
            {
                // Posting again and again meets the rate limit at times (429); only whether a message arrives live matters.
                var posted = await viewer.PostAsync($"/api/rooms/{roomId}/messages", new { text = "are you there?" });
                Assert.Contains((int)posted.StatusCode, new[] { 201, 429 });
                return live.Of("chatMessage").Count();
            },
            count => count > 0,
            "the repaired group membership delivering the room's messages");
    }

    private static Fault FaultNamed(string name) => name switch
    {
        "hang" => Fault.Hang,
        "503" => Fault.Answer(503),
        "reset" => Fault.Reset,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private int SignalRPort() => int.Parse(PortPattern().Match(fixture.SignalRConnectionString).Groups[1].Value);

    private async Task<IReadOnlyList<string>> DeadLettersOfAsync(string tenantId)
    {
        var table = new TableServiceClient(fixture.StorageConnectionString).GetTableClient(TableNames.DeadLetters);
        await table.CreateIfNotExistsAsync();
        var letters = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            if (entity.GetString("Body") is { } body && body.Contains(tenantId, StringComparison.Ordinal))
            {
                letters.Add(entity.GetString("Reason"));
            }
        }

        return letters;
    }

    [GeneratedRegex(@"Port=(\d+)")]
    private static partial Regex PortPattern();
}
