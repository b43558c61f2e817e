using System.Text.Json;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Api.Tests.Webhooks;

/// <summary><c>chat.message</c> (opt-in) and <c>moderation.action</c> come from the room log, each event once per (room, seq).</summary>
[Collection(DevHostCollection.Name)]
public sealed class RoomLogWebhookTests(DevHostFixture fixture) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task AChatMessageAndABan_ArriveAsChatMessageAndModerationAction_OnlyWhereSubscribed()
    {
        var tenant = await fixture.NewTenantAsync();
        (await tenant.Partner.PostAsync("/api/webhooks", new { url = _receiver.Url("/chat"), events = new[] { "chat.message", "moderation.action" } })).EnsureStatus(201);
        (await tenant.Partner.PostAsync("/api/webhooks", new { url = _receiver.Url("/moderation"), events = new[] { "moderation.action" } })).EnsureStatus(201);
        var hostId = await tenant.CreateUserAsync(role: "host");
        var viewerId = await tenant.CreateUserAsync();
        var roomId = await tenant.CreateRoomAsync(hostId);
        await tenant.StartRoomAsync(roomId);
        var viewer = await tenant.AsUserAsync(viewerId);

        (await viewer.PostAsync($"/api/rooms/{roomId}/messages", new { text = "hello from the viewer" })).EnsureStatus(201);
        (await tenant.Partner.PostAsync($"/api/rooms/{roomId}/moderation", new { action = "ban", userId = viewerId })).EnsureStatus(201);

        await Eventually.HoldsAsync(() => Task.FromResult(_receiver.Deduplicated().Count >= 2 && _receiver.Received.Any(r => r.Path == "/moderation")), "chat and ban deliveries");
        // Deliberate, and the behaviour under test: the window in which a duplicate or misrouted delivery would arrive (none may).
        await Task.Delay(TimeSpan.FromSeconds(2));
        var toChat = _receiver.Received.Where(r => r.Path == "/chat").Select(r => JsonDocument.Parse(r.Body).RootElement).ToArray();
        var toModeration = _receiver.Received.Where(r => r.Path == "/moderation").Select(r => JsonDocument.Parse(r.Body).RootElement).ToArray();
        Assert.Equal(["chat.message", "moderation.action"], toChat.Select(b => b.GetProperty("type").GetString()!).Order());
        var ban = Assert.Single(toModeration);
        Assert.Equal("ban", ban.GetProperty("data").GetProperty("event").GetProperty("action").GetString());
        Assert.Equal(viewerId, ban.GetProperty("data").GetProperty("event").GetProperty("userId").GetString());
        var chat = toChat.Single(b => b.GetProperty("type").GetString() == "chat.message");
        Assert.Equal("hello from the viewer", chat.GetProperty("data").GetProperty("event").GetProperty("text").GetString());
        Assert.True(chat.GetProperty("data").GetProperty("seq").GetInt64() < ban.GetProperty("data").GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task ACommitWhoseProcessStoppedBeforeTheFastPath_IsDeliveredByTheSweeper()
    {
        var tenant = await fixture.NewTenantAsync();
        (await tenant.Partner.PostAsync("/api/webhooks", new { url = _receiver.Url(), events = new[] { "moderation.action" } })).EnsureStatus(201);
        var roomId = await tenant.CreateRoomAsync(await tenant.CreateUserAsync(role: "host"));
        await tenant.StartRoomAsync(roomId);

        // Committed by another process (the test's own app services) whose fast path never runs: as if it died right after the commit.
        var committed = await fixture.AppServices.GetRequiredService<RoomLogWriter>().AppendAsync(
            tenant.Id, roomId, new PlainRoomEntry(RoomEventTypes.Moderation, new ModerationEvent(roomId, "clear", null, null)), CancellationToken.None);

        // One sweeper round for the room (the sweeper runs every 30 s on every instance).
        await fixture.AppServices.GetRequiredService<RoomLogWebhooks>().CatchUpAsync(tenant.Id, roomId, CancellationToken.None);

        var received = await Eventually.MatchesAsync(() => Task.FromResult(_receiver.Deduplicated()), r => r.Count >= 1, "the swept moderation.action");
        var data = JsonDocument.Parse(Assert.Single(received).Body).RootElement.GetProperty("data");
        Assert.Equal(committed.Seq, data.GetProperty("seq").GetInt64());
        Assert.Equal("clear", data.GetProperty("event").GetProperty("action").GetString());
    }
}
