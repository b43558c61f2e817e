using System.Net;
using System.Text.Json;

namespace LiveServerless.Emulators.SignalR.Tests;

public sealed class SendTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Broadcast_ReachesEveryConnectionOfTheHub_AndNoneOfAnotherHub()
    {
        var hub = EmulatorFixture.NewName("live");
        var otherHub = EmulatorFixture.NewName("live");
        await using var alice = await TestClient.ConnectAsync(emulator, hub, "alice");
        await using var bob = await TestClient.ConnectAsync(emulator, hub, "bob");
        await using var anonymous = await TestClient.ConnectAsync(emulator, hub, userId: null);
        await using var outsider = await TestClient.ConnectAsync(emulator, otherHub, "alice");

        await emulator.SendAsync(hub, EmulatorFixture.Message("hello room"));

        foreach (var client in new[] { alice, bob, anonymous })
        {
            Assert.Equal("hello room", (await client.NextMessageAsync()).GetString());
        }

        await outsider.ExpectNothingMoreAsync(otherHub);
    }

    [Fact]
    public async Task Broadcast_WithExcludedConnectionsAndUsers_SkipsThem()
    {
        var hub = EmulatorFixture.NewName("live");
        await using var alice = await TestClient.ConnectAsync(emulator, hub, "alice");
        await using var bob = await TestClient.ConnectAsync(emulator, hub, "bob");
        await using var carol = await TestClient.ConnectAsync(emulator, hub, "carol");

        await emulator.RestOkAsync(
            HttpMethod.Post, $"/api/hubs/{hub}/:send?api-version=2022-06-01&excluded={alice.ConnectionId}&excludedUsers=bob", EmulatorFixture.Message("not for alice or bob"));

        Assert.Equal("not for alice or bob", (await carol.NextMessageAsync()).GetString());
        await alice.ExpectNothingMoreAsync(hub);
        await bob.ExpectNothingMoreAsync(hub);
    }

    [Fact]
    public async Task SendToUser_ReachesAllConnectionsOfThatUserOnly()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        await using var phone = await TestClient.ConnectAsync(emulator, hub, user);
        await using var laptop = await TestClient.ConnectAsync(emulator, hub, user);
        await using var someoneElse = await TestClient.ConnectAsync(emulator, hub, "someone-else");

        await emulator.SendAsync($"{hub}/users/{user}", EmulatorFixture.Message("private"));

        Assert.Equal("private", (await phone.NextMessageAsync()).GetString());
        Assert.Equal("private", (await laptop.NextMessageAsync()).GetString());
        await someoneElse.ExpectNothingMoreAsync(hub);
    }

    [Fact]
    public async Task SendToConnection_ReachesOnlyThatConnection()
    {
        var hub = EmulatorFixture.NewName("live");
        await using var first = await TestClient.ConnectAsync(emulator, hub, "alice");
        await using var second = await TestClient.ConnectAsync(emulator, hub, "alice");

        await emulator.SendAsync($"{hub}/connections/{first.ConnectionId}", EmulatorFixture.Message("just you"));

        Assert.Equal("just you", (await first.NextMessageAsync()).GetString());
        await second.ExpectNothingMoreAsync(hub);
    }

    [Fact]
    public async Task Send_PassesArgumentsThroughAsRawJson()
    {
        var hub = EmulatorFixture.NewName("live");
        await using var client = await TestClient.ConnectAsync(emulator, hub, "alice");
        const string argument = """{"roomId":"r1","count":42,"ratio":0.5,"tags":["a",null,true],"nested":{"empty":{}}}""";
        var body = $$"""{"target":"{{TestClient.MessageTarget}}","arguments":[{{argument}}]}""";
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{emulator.BaseUrl}/api/hubs/{hub}/:send?api-version=2022-06-01") { Content = content };
        request.Headers.Authorization = new("Bearer", TestTokens.Server(emulator.AccessKey, $"{emulator.BaseUrl}/api/hubs/{hub}/:send"));

        using var response = await emulator.Http.SendAsync(request).WaitAsync(EmulatorFixture.Timeout);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(argument, JsonSerializer.Serialize(await client.NextMessageAsync()));
    }

    [Fact]
    public async Task V1Routes_SendWithoutColonSend_AndAnswer202()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        await using var client = await TestClient.ConnectAsync(emulator, hub, user);

        using var broadcast = await emulator.RestAsync(HttpMethod.Post, $"/api/v1/hubs/{hub}", EmulatorFixture.Message("v1 broadcast"));
        using var toUser = await emulator.RestAsync(HttpMethod.Post, $"/api/v1/hubs/{hub}/users/{user}", EmulatorFixture.Message("v1 user"));
        using var join = await emulator.RestAsync(HttpMethod.Put, $"/api/v1/hubs/{hub}/groups/g1/users/{user}");
        using var toGroup = await emulator.RestAsync(HttpMethod.Post, $"/api/v1/hubs/{hub}/groups/g1", EmulatorFixture.Message("v1 group"));

        Assert.All(new[] { broadcast, toUser, join, toGroup }, response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));
        Assert.Equal("v1 broadcast", (await client.NextMessageAsync()).GetString());
        Assert.Equal("v1 user", (await client.NextMessageAsync()).GetString());
        Assert.Equal("v1 group", (await client.NextMessageAsync()).GetString());
    }

    [Fact]
    public async Task Send_ToNobody_IsStillAccepted()
    {
        var hub = EmulatorFixture.NewName("live");

        using var response = await emulator.RestAsync(HttpMethod.Post, $"/api/hubs/{hub}/users/nobody/:send?api-version=2022-06-01", EmulatorFixture.Message("void"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task CloseConnection_DisconnectsTheClient()
    {
        var hub = EmulatorFixture.NewName("live");
        await using var client = await TestClient.ConnectAsync(emulator, hub, "alice");
        var closed = new TaskCompletionSource();
        client.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        using var response = await emulator.RestAsync(HttpMethod.Delete, $"/api/hubs/{hub}/connections/{client.ConnectionId}?api-version=2022-06-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await closed.Task.WaitAsync(EmulatorFixture.Timeout);
    }
}
