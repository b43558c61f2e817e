using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.RoomEvents;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Api.Tests.Realtime;

/// <summary>Our SignalR Service REST client's membership operation that erasure uses (the routes' group sends and joins are covered by the room tests).</summary>
[Collection(DevHostCollection.Name)]
public sealed class SignalRClientTests(DevHostFixture fixture)
{
    private SignalRClient Client => fixture.AppServices.GetRequiredService<SignalRClient>();

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
        // A marker through a group joined afterwards: once it arrives, the send to the left group would have arrived too.
        var marker = RealtimeNames.RoomGroup(tenant.Id, "marker");
        await Client.AddUserToGroupAsync(marker, RealtimeNames.User(tenant.Id, userId), CancellationToken.None);
        await Client.SendToGroupAsync(marker, RealtimeTargets.RoomEvents, Batch("viewers", new { roomId = "marker", count = 0 }), CancellationToken.None);

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
