using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Functions.Realtime;
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

        await Client.SendToUserAsync(RealtimeNames.User(tenant.Id, userId), "moderation", new { note = "to the user" }, CancellationToken.None);
        await Client.SendToConnectionAsync(live.Connection.ConnectionId!, "moderation", new { note = "to the connection" }, CancellationToken.None);
        await Client.BroadcastAsync("moderation", new { note = "to everyone" }, CancellationToken.None);

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
        await Client.SendToGroupAsync(group, "viewers", new { roomId = "some-room", count = 1 }, CancellationToken.None);
        await live.WaitForAsync("viewers");

        await Client.RemoveUserFromAllGroupsAsync(RealtimeNames.User(tenant.Id, userId), CancellationToken.None);
        await Client.SendToGroupAsync(group, "viewers", new { roomId = "some-room", count = 2 }, CancellationToken.None);
        await Client.SendToUserAsync(RealtimeNames.User(tenant.Id, userId), "viewers", new { roomId = "marker", count = 0 }, CancellationToken.None);

        await live.WaitForAsync("viewers", v => v.GetProperty("roomId").GetString() == "marker");
        Assert.DoesNotContain(live.Of("viewers"), v => v.GetProperty("count").GetInt32() == 2);
    }

    private async Task<(Tenant Tenant, string UserId, RealtimeClient Live)> ConnectedUserAsync()
    {
        var tenant = await fixture.NewTenantAsync();
        var userId = await tenant.CreateUserAsync();
        var live = await RealtimeClient.ConnectAsync(fixture.Host.BaseAddress, await tenant.MintTokenAsync(userId));
        return (tenant, userId, live);
    }
}
