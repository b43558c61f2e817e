using System.Text.Json;
using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>Erasure is a durable job: complete across every store, final for the user's tokens, and a re-used id inherits nothing.</summary>
[Collection(DevHostCollection.Name)]
public sealed class ErasureTests(DevHostFixture fixture)
{
    [Fact]
    public async Task Delete_Answers202WithTheJob_ASecondDeleteReportsTheSameJob()
    {
        var tenant = await fixture.NewTenantAsync();
        var userId = await tenant.CreateUserAsync();

        var first = await tenant.Partner.DeleteAsync($"/api/users/{userId}");
        first.EnsureStatus(202);
        Assert.Equal($"/api/erasures/{userId}", first.Headers.Location!.ToString());
        var again = await tenant.Partner.DeleteAsync($"/api/users/{userId}");
        again.EnsureStatus(202);
        Assert.Equal(
            (await first.JsonAsync()).GetProperty("requestedAt").GetDateTimeOffset(),
            (await again.JsonAsync()).GetProperty("requestedAt").GetDateTimeOffset());

        var done = await tenant.EraseUserAsync(userId);
        Assert.All(done.GetProperty("stores").EnumerateArray(), s => Assert.Equal("done", s.GetProperty("status").GetString()));
        var afterwards = await tenant.Partner.DeleteAsync($"/api/users/{userId}");
        afterwards.EnsureStatus(202);
        Assert.Equal("done", (await afterwards.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AfterErasure_NoRouteShowsTheUser_TheOldTokenIsRefused_AndTheReusedIdInheritsNothing()
    {
        var tenant = await fixture.NewTenantAsync();
        var hostId = await tenant.CreateUserAsync("host", role: "host");
        var roomId = await tenant.CreateRoomAsync(hostId, tags: ["jazz"]);
        await tenant.StartRoomAsync(roomId);
        (await tenant.Partner.PostAsync("/api/users", new { id = "erin", displayName = "Erin Unique-Name" })).EnsureStatus(201);
        var erin = await tenant.AsUserAsync("erin");
        var host = await tenant.AsUserAsync(hostId);
        (await erin.PostAsync($"/api/rooms/{roomId}/join", body: null)).EnsureStatus(200);
        var posted = await erin.PostAsync($"/api/rooms/{roomId}/messages", new { text = "remember me" });
        posted.EnsureStatus(201);
        var messageId = (await posted.JsonAsync()).GetProperty("id").GetString();
        (await erin.PostAsync($"/api/rooms/{roomId}/interactions", new { events = new object[] { new { type = "follow" }, new { type = "like", count = 3 } } })).EnsureStatus(202);
        (await host.PostAsync($"/api/rooms/{roomId}/moderation", new { action = "pin", messageId, durationSeconds = 600 })).EnsureStatus(201);
        (await host.PostAsync($"/api/rooms/{roomId}/moderation", new { action = "mute", userId = "erin", durationSeconds = 600, reason = "Erin Unique-Name was rude" })).EnsureStatus(201);
        await Eventually.MatchesAsync(
            async () => await (await tenant.Partner.GetAsync("/api/users/erin/profile")).JsonAsync(),
            p => p.TryGetProperty("engagement", out var e) && e.GetProperty("likes").GetInt64() == 3,
            "erin's profile");

        var before = await (await tenant.Partner.GetAsync("/api/users/erin/export")).JsonAsync();
        Assert.Equal([roomId], before.GetProperty("presence").EnumerateArray().Select(p => p.GetProperty("roomId").GetString()));
        Assert.Equal(["mute"], before.GetProperty("moderationEntries").EnumerateArray().Select(m => m.GetProperty("action").GetString()));
        Assert.Equal(["remember me"], before.GetProperty("chatMessages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));

        var job = await tenant.EraseUserAsync("erin");

        Assert.Contains(job.GetProperty("stores").EnumerateArray(), s => s.GetProperty("name").GetString() == "moderationLog");
        await (await erin.GetAsync("/api/me")).AssertProblemAsync(401);
        await (await erin.PostAsync("/api/negotiate", body: null)).AssertProblemAsync(401);
        await (await tenant.Partner.GetAsync("/api/users/erin")).AssertProblemAsync(404);
        await (await tenant.Partner.GetAsync("/api/users/erin/profile")).AssertProblemAsync(404);
        foreach (var path in new[] { $"/api/rooms/{roomId}/messages", $"/api/rooms/{roomId}/moderation", $"/api/rooms/{roomId}/viewers", "/api/users" })
        {
            var text = await (await tenant.Partner.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("erin", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Unique-Name", text, StringComparison.Ordinal);
        }

        var join = await (await host.PostAsync($"/api/rooms/{roomId}/join", body: null)).JsonAsync();
        Assert.Equal(JsonValueKind.Null, join.GetProperty("pinned").ValueKind);

        (await tenant.Partner.PostAsync("/api/users", new { id = "erin", displayName = "Another Erin" })).EnsureStatus(201);
        var fresh = await (await tenant.Partner.GetAsync("/api/users/erin/profile")).JsonAsync();
        Assert.Equal(0, fresh.GetProperty("engagement").GetProperty("interactions").GetInt64());
        var export = await (await tenant.Partner.GetAsync("/api/users/erin/export")).JsonAsync();
        Assert.Empty(export.GetProperty("chatMessages").EnumerateArray());
        Assert.Empty(export.GetProperty("follows").EnumerateArray());
        Assert.Empty(export.GetProperty("presence").EnumerateArray());
        Assert.Empty(export.GetProperty("moderationEntries").EnumerateArray());
        var reborn = await tenant.AsUserAsync("erin");
        (await reborn.PostAsync($"/api/rooms/{roomId}/messages", new { text = "not muted" })).EnsureStatus(201);
    }

    [Fact]
    public async Task DeletingARoom_RemovesItsHistoryStateLogAndStats_AReusedRoomIdStartsEmpty()
    {
        var tenant = await fixture.NewTenantAsync();
        var hostId = await tenant.CreateUserAsync("host", role: "host");
        var roomId = await tenant.CreateRoomAsync(hostId);
        await tenant.StartRoomAsync(roomId);
        await tenant.CreateUserAsync("viewer");
        var viewer = await tenant.AsUserAsync("viewer");
        (await viewer.PostAsync($"/api/rooms/{roomId}/join", body: null)).EnsureStatus(200);
        (await viewer.PostAsync($"/api/rooms/{roomId}/messages", new { text = "old room" })).EnsureStatus(201);
        (await tenant.Partner.PostAsync($"/api/rooms/{roomId}/moderation", new { action = "ban", userId = "viewer" })).EnsureStatus(201);
        await Eventually.MatchesAsync(
            async () => await (await tenant.Partner.GetAsync($"/api/rooms/{roomId}/stats")).JsonAsync(),
            s => s.GetProperty("messages").GetInt64() == 1,
            "the room's statistics");

        (await tenant.Partner.DeleteAsync($"/api/rooms/{roomId}")).EnsureStatus(204);
        await tenant.CreateRoomAsync(hostId, id: roomId);
        await tenant.StartRoomAsync(roomId);

        Assert.Empty((await (await tenant.Partner.GetAsync($"/api/rooms/{roomId}/messages")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Empty((await (await tenant.Partner.GetAsync($"/api/rooms/{roomId}/moderation")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Empty((await (await tenant.Partner.GetAsync($"/api/rooms/{roomId}/viewers")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(0, (await (await tenant.Partner.GetAsync($"/api/rooms/{roomId}/stats")).JsonAsync()).GetProperty("messages").GetInt64());
        (await viewer.PostAsync($"/api/rooms/{roomId}/join", body: null)).EnsureStatus(200);
    }
}
