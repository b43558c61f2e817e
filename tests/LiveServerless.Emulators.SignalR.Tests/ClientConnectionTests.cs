using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveServerless.Emulators.SignalR.Tests;

public sealed class ClientConnectionTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Connect_WithValidToken_OpensConnectionOfThatUser()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");

        await using var client = await TestClient.ConnectAsync(emulator, hub, user);

        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
        await AssertHeadAsync(HttpStatusCode.OK, $"/api/hubs/{hub}/connections/{client.ConnectionId}");
        await AssertHeadAsync(HttpStatusCode.OK, $"/api/hubs/{hub}/users/{user}");
    }

    [Fact]
    public Task Connect_WithTokenSignedByAnotherKey_IsRefusedWith401()
    {
        var hub = EmulatorFixture.NewName("live");
        var forgedKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return AssertRefusedAsync(hub, TestTokens.Client(forgedKey, EmulatorFixture.ClientAudience(hub), "mallory"));
    }

    [Fact]
    public Task Connect_WithExpiredToken_IsRefusedWith401()
    {
        var hub = EmulatorFixture.NewName("live");
        return AssertRefusedAsync(hub, TestTokens.Expired(emulator.AccessKey, EmulatorFixture.ClientAudience(hub)));
    }

    [Fact]
    public Task Connect_WithTokenForAnotherHub_IsRefusedWith401()
    {
        var hub = EmulatorFixture.NewName("live");
        return AssertRefusedAsync(hub, TestTokens.Client(emulator.AccessKey, EmulatorFixture.ClientAudience("otherhub"), "alice"));
    }

    [Fact]
    public Task Connect_WithoutToken_IsRefusedWith401() => AssertRefusedAsync(EmulatorFixture.NewName("live"), token: null);

    [Theory]
    [InlineData("http://localhost/client/?hub={hub}")]
    [InlineData("http://localhost:{port}/client/?hub={hub}")]
    [InlineData("HTTP://LOCALHOST:{port}/CLIENT?hub={HUB}")]
    [InlineData("http://127.0.0.1:{port}/client/?hub={hub}")]
    public async Task Connect_WithAudienceNamingThisEmulator_IsAccepted(string audienceTemplate)
    {
        var hub = EmulatorFixture.NewName("live");
        var token = TestTokens.Client(emulator.AccessKey, Audience(audienceTemplate, hub), "alice");
        await using var client = TestClient.Create(emulator, emulator.ClientUrl(hub), token);

        await client.Connection.StartAsync().WaitAsync(EmulatorFixture.Timeout);

        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
    }

    [Theory]
    [InlineData("http://localhost:1/client/?hub={hub}")]
    [InlineData("http://example.com/client/?hub={hub}")]
    [InlineData("https://localhost/client/?hub={hub}")]
    [InlineData("http://localhost/server/?hub={hub}")]
    [InlineData("http://localhost/client/")]
    public Task Connect_WithAudienceOfAnotherEndpoint_IsRefusedWith401(string audienceTemplate)
    {
        var hub = EmulatorFixture.NewName("live");
        return AssertRefusedAsync(hub, TestTokens.Client(emulator.AccessKey, Audience(audienceTemplate, hub), "alice"));
    }

    [Fact]
    public async Task Connect_WithTokenInAccessTokenQuery_IsAccepted()
    {
        // Browsers cannot set headers on WebSocket requests; the JS client sends the token as access_token instead.
        var hub = EmulatorFixture.NewName("live");
        var token = TestTokens.Client(emulator.AccessKey, EmulatorFixture.ClientAudience(hub), "alice");
        await using var client = TestClient.Create(emulator, $"{emulator.ClientUrl(hub)}&access_token={token}", token: null);

        await client.Connection.StartAsync().WaitAsync(EmulatorFixture.Timeout);

        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
    }

    [Fact]
    public async Task Connect_SkippingNegotiate_WithForgedToken_IsRefusedAtWebSocketUpgrade()
    {
        var hub = EmulatorFixture.NewName("live");
        var forged = TestTokens.Client(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), EmulatorFixture.ClientAudience(hub), "mallory");
        await using var client = TestClient.Create(emulator, emulator.ClientUrl(hub), forged, skipNegotiation: true);

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => client.Connection.StartAsync().WaitAsync(EmulatorFixture.Timeout));

        Assert.Contains("401", exception.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Disconnected, client.Connection.State);
    }

    [Fact]
    public async Task Connect_WithInvalidHubName_IsRefusedWith400()
    {
        const string hub = "1-not-a-hub";
        await using var client = TestClient.Create(emulator, emulator.ClientUrl(hub), TestTokens.Client(emulator.AccessKey, EmulatorFixture.ClientAudience(hub), "alice"));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.Connection.StartAsync().WaitAsync(EmulatorFixture.Timeout));

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
    }

    [Fact]
    public async Task Connect_WithUserIdInSystemClaim_IdentifiesThatUser()
    {
        var hub = EmulatorFixture.NewName("live");
        var user = EmulatorFixture.NewName("user");
        var token = TestTokens.Client(emulator.AccessKey, EmulatorFixture.ClientAudience(hub), user, userIdClaim: "asrs.s.uid");
        await using var client = TestClient.Create(emulator, emulator.ClientUrl(hub), token);
        await client.Connection.StartAsync().WaitAsync(EmulatorFixture.Timeout);

        await emulator.SendAsync($"{hub}/users/{user}", EmulatorFixture.Message("for you"));

        Assert.Equal("for you", (await client.NextMessageAsync()).GetString());
    }

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task Client_OnEachTransport_ReceivesMessages(HttpTransportType transport)
    {
        var hub = EmulatorFixture.NewName("live");
        await using var client = await TestClient.ConnectAsync(emulator, hub, "alice", transport);

        await emulator.SendAsync(hub, EmulatorFixture.Message(transport.ToString()));

        Assert.Equal(transport.ToString(), (await client.NextMessageAsync()).GetString());
    }

    [Fact]
    public async Task NegotiatePreflight_FromABrowserOrigin_IsAllowedWithCredentials()
    {
        const string origin = "http://localhost:5173";
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"{emulator.BaseUrl}/client/negotiate?hub=live&negotiateVersion=1");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,x-requested-with,x-signalr-user-agent");

        using var response = await emulator.Http.SendAsync(preflight).WaitAsync(EmulatorFixture.Timeout);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Credentials")));
    }

    [Fact]
    public async Task ClientInvocation_IsRejected_AndConnectionStaysOpen()
    {
        var hub = EmulatorFixture.NewName("live");
        await using var client = await TestClient.ConnectAsync(emulator, hub, "alice");

        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync("SendChat", "hello").WaitAsync(EmulatorFixture.Timeout));

        await emulator.SendAsync(hub, EmulatorFixture.Message("still here"));
        Assert.Equal("still here", (await client.NextMessageAsync()).GetString());
    }

    private string Audience(string template, string hub) => template
        .Replace("{hub}", hub, StringComparison.Ordinal)
        .Replace("{HUB}", hub.ToUpperInvariant(), StringComparison.Ordinal)
        .Replace("{port}", emulator.Emulator.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private async Task AssertRefusedAsync(string hub, string? token)
    {
        await using var client = TestClient.Create(emulator, emulator.ClientUrl(hub), token);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.Connection.StartAsync().WaitAsync(EmulatorFixture.Timeout));

        Assert.Equal(HttpStatusCode.Unauthorized, exception.StatusCode);
        Assert.Equal(HubConnectionState.Disconnected, client.Connection.State);
    }

    private async Task AssertHeadAsync(HttpStatusCode expected, string path)
    {
        using var response = await emulator.RestAsync(HttpMethod.Head, $"{path}?api-version=2022-06-01");
        Assert.Equal(expected, response.StatusCode);
    }
}
