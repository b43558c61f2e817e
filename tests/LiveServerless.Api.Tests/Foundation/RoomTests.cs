using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Foundation;

[Collection(DevHostCollection.Name)]
public sealed class RoomTests(DevHostFixture fixture)
{
    [Fact]
    public async Task Create_IsScheduled_WithChatSettings()
    {
        var tenant = await fixture.NewTenantAsync("users", "rooms", "moderation");
        await tenant.CreateUserAsync("host1", role: "host");

        var created = await tenant.Partner.PostAsync("/api/rooms", new
        {
            id = "jazz", hostUserId = "host1", title = "Late night jazz", category = "Music", tags = new[] { "jazz" },
            slowModeSeconds = 10, maxMessageLength = 200, followersOnly = true, bannedWords = new[] { "Spam" },
        });

        created.EnsureStatus(201);
        var room = await created.JsonAsync();
        Assert.Equal("scheduled", room.GetProperty("status").GetString());
        Assert.Equal("music", room.GetProperty("category").GetString());
        Assert.Equal(10, room.GetProperty("slowModeSeconds").GetInt32());
        Assert.Equal(200, room.GetProperty("maxMessageLength").GetInt32());
        Assert.True(room.GetProperty("followersOnly").GetBoolean());
        Assert.Equal(["spam"], room.GetProperty("bannedWords").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, room.GetProperty("startedAt").ValueKind);
    }

    [Fact]
    public async Task Lifecycle_StartThenEnd_RecordsTimestamps_AndRefusesGoingBack()
    {
        var tenant = await fixture.NewTenantAsync("users", "rooms", "moderation");
        var host = await tenant.CreateUserAsync(role: "host");
        var roomId = await tenant.CreateRoomAsync(host);

        var started = await tenant.Partner.PostAsync($"/api/rooms/{roomId}/start", body: null);
        started.EnsureStatus(200);
        var live = await started.JsonAsync();
        Assert.Equal("live", live.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, live.GetProperty("startedAt").ValueKind);
        await (await tenant.Partner.PostAsync($"/api/rooms/{roomId}/start", body: null)).AssertProblemAsync(409);

        var ended = await tenant.Partner.PostAsync($"/api/rooms/{roomId}/end", body: null);
        ended.EnsureStatus(200);
        Assert.Equal("ended", (await ended.JsonAsync()).GetProperty("status").GetString());
        await (await tenant.Partner.PostAsync($"/api/rooms/{roomId}/start", body: null)).AssertProblemAsync(409);
        await (await tenant.Partner.PostAsync($"/api/rooms/{roomId}/end", body: null)).AssertProblemAsync(409);
        await (await tenant.Partner.PatchAsync($"/api/rooms/{roomId}", new { title = "too late" })).AssertFieldErrorAsync("status");
    }

    [Fact]
    public async Task ListLive_ReturnsOnlyLiveRooms()
    {
        var tenant = await fixture.NewTenantAsync("users", "rooms", "moderation");
        var host = await tenant.CreateUserAsync(role: "host");
        var scheduled = await tenant.CreateRoomAsync(host);
        var live = await tenant.CreateRoomAsync(host);
        var ended = await tenant.CreateRoomAsync(host);
        (await tenant.Partner.PostAsync($"/api/rooms/{live}/start", body: null)).EnsureStatus(200);
        (await tenant.Partner.PostAsync($"/api/rooms/{ended}/end", body: null)).EnsureStatus(200);

        var listed = await (await tenant.Partner.GetAsync("/api/rooms?status=live")).JsonAsync();

        Assert.Equal([live], listed.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var all = await (await tenant.Partner.GetAsync("/api/rooms")).JsonAsync();
        Assert.Equal(new[] { scheduled, live, ended }.Order(), all.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task Patch_ChangesSettings_AndHonoursIfMatch()
    {
        var tenant = await fixture.NewTenantAsync("users", "rooms", "moderation");
        var host = await tenant.CreateUserAsync(role: "host");
        var roomId = await tenant.CreateRoomAsync(host);
        var read = await tenant.Partner.GetAsync($"/api/rooms/{roomId}");

        var patched = await tenant.Partner.PatchAsync($"/api/rooms/{roomId}", new { slowModeSeconds = 30, bannedWords = new[] { "foo" }, category = (string?)null }, read.Headers.ETag!.ToString());

        patched.EnsureStatus(200);
        var room = await patched.JsonAsync();
        Assert.Equal(30, room.GetProperty("slowModeSeconds").GetInt32());
        Assert.Equal(["foo"], room.GetProperty("bannedWords").EnumerateArray().Select(w => w.GetString()));
        await (await tenant.Partner.PatchAsync($"/api/rooms/{roomId}", new { title = "x" }, read.Headers.ETag!.ToString())).AssertProblemAsync(412);
        await (await tenant.Partner.SendAsync(HttpMethod.Post, $"/api/rooms/{roomId}/end", ifMatch: read.Headers.ETag!.ToString())).AssertProblemAsync(412);
    }

    [Fact]
    public async Task Create_WithUnknownHost_IsNotFound_AndDuplicateIdIsAConflict()
    {
        var tenant = await fixture.NewTenantAsync("users", "rooms", "moderation");
        var host = await tenant.CreateUserAsync(role: "host");
        await tenant.CreateRoomAsync(host, id: "dup");

        await (await tenant.Partner.PostAsync("/api/rooms", new { hostUserId = "ghost", title = "t" })).AssertProblemAsync(404);
        await (await tenant.Partner.PostAsync("/api/rooms", new { id = "dup", hostUserId = host, title = "t" })).AssertProblemAsync(409);
    }

    [Fact]
    public async Task Delete_RemovesTheRoom()
    {
        var tenant = await fixture.NewTenantAsync("users", "rooms", "moderation");
        var host = await tenant.CreateUserAsync(role: "host");
        var roomId = await tenant.CreateRoomAsync(host);

        (await tenant.Partner.DeleteAsync($"/api/rooms/{roomId}")).EnsureStatus(204);

        await (await tenant.Partner.GetAsync($"/api/rooms/{roomId}")).AssertProblemAsync(404);
        await (await tenant.Partner.DeleteAsync($"/api/rooms/{roomId}")).AssertProblemAsync(404);
    }
}
