using LiveServerless.Domain.Common;
using LiveServerless.Domain.Presence;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Presence;
using LiveServerless.Services.Tests.Infrastructure;

namespace LiveServerless.Services.Tests;

/// <summary>Presence through <c>PresenceService</c>: joins, heartbeats, leaves, the sweep of lapsed viewers, and who may not join.</summary>
[Collection(AppServicesCollection.Name)]
public sealed class PresenceRulesTests(AppServicesFixture app)
{
    [Fact]
    public async Task JoinsCountEachViewerOnce_AndALeaveTakesThemOut()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("kim");
        await room.AddUserAsync("lee");

        var first = await room.JoinAsync("kim");
        var second = await room.JoinAsync("lee");
        var heartbeat = await room.JoinAsync("kim");

        Assert.Equal((1, 2, 2), (first.Viewers, second.Viewers, heartbeat.Viewers));
        Assert.Equal(RoomStatus.Live, first.Status);
        await room.LeaveAsync("kim");
        Assert.Equal(1, await room.ViewerCountAsync());
    }

    [Fact]
    public async Task ViewersWhoseHeartbeatLapsed_AreSweptOut_AndTheOthersStay()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("kim");
        await room.AddUserAsync("lee");
        await room.JoinAsync("kim");
        await room.JoinAsync("lee");
        var presence = app.Get<PresenceStore>();
        var lee = await presence.GetAsync(room.TenantId, room.RoomId, "lee", CancellationToken.None);

        await presence.UpsertAsync(room.TenantId, room.RoomId, lee! with { LastSeenAt = DateTimeOffset.UtcNow - ViewerPresence.Ttl - TimeSpan.FromSeconds(5) }, CancellationToken.None);
        await app.Get<PresenceService>().SweepExpiredAsync(CancellationToken.None);

        Assert.Equal(1, await room.ViewerCountAsync());
        Assert.Null(await presence.GetAsync(room.TenantId, room.RoomId, "lee", CancellationToken.None));
        Assert.NotNull(await presence.GetAsync(room.TenantId, room.RoomId, "kim", CancellationToken.None));
    }

    [Fact]
    public async Task JoiningAnEndedRoom_IsAConflict()
    {
        var room = await LiveRoom.StartAsync(app);
        await room.AddUserAsync("late");

        await room.EndAsync();

        await Assert.ThrowsAsync<ConflictException>(() => room.JoinAsync("late"));
    }

    [Fact]
    public async Task JoiningAsAUserUnknownToTheTenant_IsNotFound_AndCountsNobody()
    {
        var room = await LiveRoom.StartAsync(app);

        await Assert.ThrowsAsync<NotFoundException>(() => room.JoinAsync("ghost"));

        Assert.Equal(0, await room.ViewerCountAsync());
    }
}
