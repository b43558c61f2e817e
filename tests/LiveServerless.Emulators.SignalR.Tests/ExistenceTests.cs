using System.Net;

namespace LiveServerless.Emulators.SignalR.Tests;

public sealed class ExistenceTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task HeadConnection_Answers200WhileConnected_And404After()
    {
        var hub = EmulatorFixture.NewName("live");
        var client = await TestClient.ConnectAsync(emulator, hub, "alice");
        var path = $"/api/hubs/{hub}/connections/{client.ConnectionId}";

        Assert.Equal(HttpStatusCode.OK, await HeadAsync(path));
        Assert.Equal(HttpStatusCode.NotFound, await HeadAsync($"/api/hubs/{EmulatorFixture.NewName("live")}/connections/{client.ConnectionId}"));
        await client.DisposeAsync();
        await AssertEventuallyNotFoundAsync(path);
    }

    [Fact]
    public async Task HeadUser_Answers200OnlyForAConnectedUser()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        var client = await TestClient.ConnectAsync(emulator, hub, user);

        Assert.Equal(HttpStatusCode.OK, await HeadAsync($"/api/hubs/{hub}/users/{user}"));
        Assert.Equal(HttpStatusCode.NotFound, await HeadAsync($"/api/hubs/{hub}/users/stranger"));
        await client.DisposeAsync();
        await AssertEventuallyNotFoundAsync($"/api/hubs/{hub}/users/{user}");
    }

    [Fact]
    public async Task HeadGroup_Answers200OnlyWhileTheGroupHasAConnection()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        await emulator.RestOkAsync(HttpMethod.Put, $"/api/hubs/{hub}/users/{user}/groups/room?api-version=2022-06-01");

        Assert.Equal(HttpStatusCode.NotFound, await HeadAsync($"/api/hubs/{hub}/groups/room"));
        var client = await TestClient.ConnectAsync(emulator, hub, user);

        // The client's handshake completes just before the server registers the connection (OnConnectedAsync), so poll.
        await AssertEventuallyAsync($"/api/hubs/{hub}/groups/room", HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, await HeadAsync($"/api/hubs/{hub}/groups/empty"));
        await client.DisposeAsync();
        await AssertEventuallyNotFoundAsync($"/api/hubs/{hub}/groups/room");
    }

    [Fact]
    public async Task HeadUserInGroup_FollowsAddAndRemove()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        var membership = $"/api/hubs/{hub}/users/{user}/groups/room";

        Assert.Equal(HttpStatusCode.NotFound, await HeadAsync(membership));
        await emulator.RestOkAsync(HttpMethod.Put, $"{membership}?api-version=2022-06-01");
        Assert.Equal(HttpStatusCode.OK, await HeadAsync(membership));
        await emulator.RestOkAsync(HttpMethod.Delete, $"{membership}?api-version=2022-06-01");
        Assert.Equal(HttpStatusCode.NotFound, await HeadAsync(membership));
    }

    [Fact]
    public async Task HeadUserInGroup_WithTtl_LapsesAfterIt()
    {
        var hub = EmulatorFixture.NewName("live");
        var membership = $"/api/hubs/{hub}/users/alice/groups/room";

        await emulator.RestOkAsync(HttpMethod.Put, $"{membership}?api-version=2022-06-01&ttl=2");
        Assert.Equal(HttpStatusCode.OK, await HeadAsync(membership));
        // The wait is the behaviour under test: the 2 s TTL passing on the emulator's own (system) clock, which no test can advance.
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        Assert.Equal(HttpStatusCode.NotFound, await HeadAsync(membership));
    }

    [Fact]
    public async Task V1ExistenceChecks_AnswerGet()
    {
        var hub = EmulatorFixture.NewName("live");
        await using var client = await TestClient.ConnectAsync(emulator, hub, "alice");

        using var found = await emulator.RestAsync(HttpMethod.Get, $"/api/v1/hubs/{hub}/connections/{client.ConnectionId}");
        using var missing = await emulator.RestAsync(HttpMethod.Get, $"/api/v1/hubs/{hub}/users/bob");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>A client's close reaches the server asynchronously, as with the real service: poll, within the timeout.</summary>
    private Task AssertEventuallyNotFoundAsync(string path) => AssertEventuallyAsync(path, HttpStatusCode.NotFound);

    private async Task AssertEventuallyAsync(string path, HttpStatusCode expected) =>
        await Eventually.MatchesAsync(() => HeadAsync(path), status => status == expected, $"HEAD {path} answering {expected}", EmulatorFixture.Timeout);

    private async Task<HttpStatusCode> HeadAsync(string path)
    {
        using var response = await emulator.RestAsync(HttpMethod.Head, $"{path}?api-version=2022-06-01");
        return response.StatusCode;
    }
}
