using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.RoomEvents;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Api.Tests.Realtime;

/// <summary>Our SignalR Service REST client's other operations (the app's routes use group sends and user-group membership).</summary>
[Collection(DevHostCollection.Name)]
public sealed class SignalRClientTests(DevHostFixture fixture)
{
    private SignalRClient Client => fixture.AppServices.GetRequiredService<SignalRClient>();

    [Fact]
    public async Task SendToUser_Connection_AndBroadcast_ReachTheClient()
    {
        var (tenant, userId, live) = await ConnectedUserAsync();
        await using var _ = live;

        await Client.SendToUserAsync(RealtimeNames.User(tenant.Id, userId), RealtimeTargets.RoomEvents, Batch("moderation", new { note = "to the user" }), CancellationToken.None);
        await Client.SendToConnectionAsync(live.Connection.ConnectionId!, RealtimeTargets.RoomEvents, Batch("moderation", new { note = "to the connection" }), CancellationToken.None);
        await Client.BroadcastAsync(RealtimeTargets.RoomEvents, Batch("moderation", new { note = "to everyone" }), CancellationToken.None);

        foreach (var note in new[] { "to the user", "to the connection", "to everyone" })
        {
            await live.WaitForAsync("moderation", m => m.TryGetProperty("note", out var n) && n.GetString() == note);
        }
    }

    [Fact]
    public async Task RemoveUserFromAllGroups_StopsRoomEvents()
    {
        var (tenant, userId, live) = await ConnectedUserAsync();
        await using var _ = live;
        var group = RealtimeNames.RoomGroup(tenant.Id, "some-room");
        await Client.AddUserToGroupAsync(group, RealtimeNames.User(tenant.Id, userId), CancellationToken.None);
        await Client.SendToGroupAsync(group, RealtimeTargets.RoomEvents, Batch("viewers", new { roomId = "some-room", count = 1 }), CancellationToken.None);
        await live.WaitForAsync("viewers");

        await Client.RemoveUserFromAllGroupsAsync(RealtimeNames.User(tenant.Id, userId), CancellationToken.None);
        await Client.SendToGroupAsync(group, RealtimeTargets.RoomEvents, Batch("viewers", new { roomId = "some-room", count = 2 }), CancellationToken.None);
        await Client.SendToUserAsync(RealtimeNames.User(tenant.Id, userId), RealtimeTargets.RoomEvents, Batch("viewers", new { roomId = "marker", count = 0 }), CancellationToken.None);

        await live.WaitForAsync("viewers", v => v.GetProperty("roomId").GetString() == "marker");
        Assert.DoesNotContain(live.Of("viewers"), v => v.GetProperty("count").GetInt32() == 2);
    }

    /// <summary>One event in the shape the app pushes (<c>roomEvents</c>), so the test client records it by its type.</summary>
    private static RoomEventsBatch Batch(string type, object data) => new("some-room", [new RoomEvent(1, type, DateTimeOffset.UtcNow, data)]);

    private async Task<(Tenant Tenant, string UserId, RealtimeClient Live)> ConnectedUserAsync()
    {
        var tenant = await fixture.NewTenantAsync();
        var userId = await tenant.CreateUserAsync();
        var live = await RealtimeClient.ConnectAsync(fixture.Host.BaseAddress, await tenant.MintTokenAsync(userId));
        return (tenant, userId, live);
    }
}
