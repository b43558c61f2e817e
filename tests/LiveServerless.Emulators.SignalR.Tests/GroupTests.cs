using System.Net;

namespace LiveServerless.Emulators.SignalR.Tests;

public sealed class GroupTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task SendToGroup_AfterAddingUser_ReachesTheUsersCurrentAndLaterConnections()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        var room = EmulatorFixture.NewName("room");
        await using var before = await TestClient.ConnectAsync(emulator, hub, user);
        await using var outsider = await TestClient.ConnectAsync(emulator, hub, "outsider");

        await AddUserAsync(hub, room, user);
        await using var after = await TestClient.ConnectAsync(emulator, hub, user);
        await emulator.SendAsync($"{hub}/groups/{room}", EmulatorFixture.Message("room event"));

        Assert.Equal("room event", (await before.NextMessageAsync()).GetString());
        Assert.Equal("room event", (await after.NextMessageAsync()).GetString());
        await outsider.ExpectNothingMoreAsync(hub);
    }

    [Fact]
    public async Task SendToGroup_AfterRemovingUser_ReachesNoneOfTheirConnections()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        var room = EmulatorFixture.NewName("room");
        await using var client = await TestClient.ConnectAsync(emulator, hub, user);
        await AddUserAsync(hub, room, user);

        using var removed = await emulator.RestAsync(HttpMethod.Delete, $"/api/hubs/{hub}/users/{user}/groups/{room}?api-version=2022-06-01");
        await emulator.SendAsync($"{hub}/groups/{room}", EmulatorFixture.Message("after leave"));

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await client.ExpectNothingMoreAsync(hub);
    }

    [Fact]
    public async Task RemoveUserFromAllGroups_StopsMessagesOfEveryGroup()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        await using var client = await TestClient.ConnectAsync(emulator, hub, user);
        await AddUserAsync(hub, "room1", user);
        await AddUserAsync(hub, "room2", user);
        await emulator.RestOkAsync(HttpMethod.Put, $"/api/hubs/{hub}/groups/room3/connections/{client.ConnectionId}?api-version=2022-06-01");

        using var removed = await emulator.RestAsync(HttpMethod.Delete, $"/api/hubs/{hub}/users/{user}/groups?api-version=2022-06-01");
        foreach (var room in new[] { "room1", "room2", "room3" })
        {
            await emulator.SendAsync($"{hub}/groups/{room}", EmulatorFixture.Message(room));
        }

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await client.ExpectNothingMoreAsync(hub);
    }

    [Fact]
    public async Task AddUser_WithGroupsThenUsersPath_IsTheSameOperation()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        await using var client = await TestClient.ConnectAsync(emulator, hub, user);

        using var added = await emulator.RestAsync(HttpMethod.Put, $"/api/hubs/{hub}/groups/room/users/{user}?api-version=2022-06-01");
        await emulator.SendAsync($"{hub}/groups/room", EmulatorFixture.Message("joined"));

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("joined", (await client.NextMessageAsync()).GetString());
    }

    [Fact]
    public async Task AddUser_WithTtlZero_AddsOnlyTheCurrentConnections()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        await using var before = await TestClient.ConnectAsync(emulator, hub, user);

        await emulator.RestOkAsync(HttpMethod.Put, $"/api/hubs/{hub}/users/{user}/groups/room?api-version=2022-06-01&ttl=0");
        await using var after = await TestClient.ConnectAsync(emulator, hub, user);
        await emulator.SendAsync($"{hub}/groups/room", EmulatorFixture.Message("current only"));

        Assert.Equal("current only", (await before.NextMessageAsync()).GetString());
        await after.ExpectNothingMoreAsync(hub);
    }

    [Fact]
    public async Task ConnectionMembership_AddThenRemove_StartsAndStopsMessages()
    {
        var hub = EmulatorFixture.NewName("live");
        await using var member = await TestClient.ConnectAsync(emulator, hub, "alice");
        await using var sameUserOtherConnection = await TestClient.ConnectAsync(emulator, hub, "alice");
        var membership = $"/api/hubs/{hub}/groups/room/connections/{member.ConnectionId}?api-version=2022-06-01";

        using var added = await emulator.RestAsync(HttpMethod.Put, membership);
        await emulator.SendAsync($"{hub}/groups/room", EmulatorFixture.Message("first"));
        using var removed = await emulator.RestAsync(HttpMethod.Delete, membership);
        await emulator.SendAsync($"{hub}/groups/room", EmulatorFixture.Message("second"));

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("first", (await member.NextMessageAsync()).GetString());
        await member.ExpectNothingMoreAsync(hub);
        await sameUserOtherConnection.ExpectNothingMoreAsync(hub);
    }

    [Fact]
    public async Task AddConnection_ThatIsNotConnected_Answers404()
    {
        var hub = EmulatorFixture.NewName("live");

        using var response = await emulator.RestAsync(HttpMethod.Put, $"/api/hubs/{hub}/groups/room/connections/nope?api-version=2022-06-01");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SendToGroup_TwoHundredSequentialMessages_ArriveInSendOrder()
    {
        const int count = 200;
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        await using var client = await TestClient.ConnectAsync(emulator, hub, user);
        await AddUserAsync(hub, "room", user);

        for (var i = 0; i < count; i++)
        {
            await emulator.SendAsync($"{hub}/groups/room", EmulatorFixture.Message(i));
        }

        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, (await client.NextMessageAsync()).GetInt32());
        }
    }

    [Fact]
    public async Task ConcurrentConnectsAndDisconnects_LeaveTheGroupConsistent()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        await AddUserAsync(hub, "room", user);

        var churn = Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var client = await TestClient.ConnectAsync(emulator, hub, user);
            await emulator.SendAsync($"{hub}/groups/room", EmulatorFixture.Message("churn"));
        });
        await Task.WhenAll(churn).WaitAsync(EmulatorFixture.Timeout);
        await using var survivor = await TestClient.ConnectAsync(emulator, hub, user);
        await emulator.SendAsync($"{hub}/groups/room", EmulatorFixture.Message("after churn"));

        Assert.Equal("after churn", (await survivor.NextMessageAsync()).GetString());
        using var head = await emulator.RestAsync(HttpMethod.Head, $"/api/hubs/{hub}/connections/{survivor.ConnectionId}?api-version=2022-06-01");
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    private async Task AddUserAsync(string hub, string group, string user)
    {
        using var response = await emulator.RestAsync(HttpMethod.Put, $"/api/hubs/{hub}/users/{user}/groups/{group}?api-version=2022-06-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
