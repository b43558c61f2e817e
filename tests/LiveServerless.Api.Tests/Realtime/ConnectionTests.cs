using System.Text;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Domain.Presence;
using LiveServerless.Functions.Presence;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveServerless.Api.Tests.Realtime;

/// <summary>Negotiation, connection security, reconnect catch-up and presence, through DevHost and the SignalR emulator.</summary>
[Collection(DevHostCollection.Name)]
public sealed class ConnectionTests(DevHostFixture fixture)
{
    [Fact]
    public async Task Negotiate_ReturnsTheServiceUrl_AndATokenForThisUser()
    {
        var tenant = await fixture.NewTenantAsync();
        var userId = await tenant.CreateUserAsync("ivy");

        var response = await fixture.Admin.WithBearer(await tenant.MintTokenAsync(userId)).PostAsync("/api/negotiate?negotiateVersion=1", body: null);

        response.EnsureStatus(200);
        var negotiated = await response.JsonAsync();
        var url = negotiated.GetProperty("url").GetString()!;
        Assert.Matches("^http://localhost:[0-9]+/client/\\?hub=live$", url);
        var token = new JsonWebToken(negotiated.GetProperty("accessToken").GetString());
        Assert.Equal(["http://localhost/client/?hub=live"], token.Audiences);
        Assert.Equal($"{tenant.Id}:ivy", token.GetClaim("nameid").Value);
        Assert.Equal("HS256", token.Alg);
    }

    [Fact]
    public async Task Negotiate_WithoutAValidUserToken_IsRefused_SoTheClientCannotStart()
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Host.BaseAddress, "api"), o => o.AccessTokenProvider = () => Task.FromResult<string?>("forged.token.value"))
            .Build();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, failure.StatusCode);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("expired")]
    [InlineData("wrong-audience")]
    public async Task ServiceConnection_WithABadAccessToken_IsRefusedAtConnect(string defect)
    {
        var clientUrl = new Uri(new Uri(SignalREndpoint()), "client/?hub=live");
        var token = defect switch
        {
            "forged" => SignalRToken("another-access-key-that-is-long-enough-to-sign", "http://localhost/client/?hub=live", DateTime.UtcNow.AddHours(1)),
            "expired" => SignalRToken(DevHostFixture.SignalRAccessKey, "http://localhost/client/?hub=live", DateTime.UtcNow.AddMinutes(-5)),
            _ => SignalRToken(DevHostFixture.SignalRAccessKey, "http://localhost/client/?hub=otherhub", DateTime.UtcNow.AddHours(1)),
        };
        await using var connection = new HubConnectionBuilder()
            .WithUrl(clientUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, failure.StatusCode);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task AfterReconnecting_HistoryReturnsEveryMissedMessage_ExactlyOnce()
    {
        var (tenant, roomId, host) = await LiveRoomAsync();
        var senders = new List<ApiClient> { host };
        foreach (var sender in new[] { "s1", "s2" })
        {
            await tenant.CreateUserAsync(sender);
            senders.Add(await tenant.AsUserAsync(sender));
        }

        // Three senders share the messages, so none of them hits the per-user rate limit.
        var send = (int i) => senders[i % senders.Count].PostAsync($"/api/rooms/{roomId}/messages", new { text = $"m{i}" });
        await tenant.CreateUserAsync("jack");
        var jackToken = await tenant.MintTokenAsync("jack");
        var jack = fixture.Admin.WithBearer(jackToken);
        (await jack.PostAsync($"/api/rooms/{roomId}/join", body: null)).EnsureStatus(200);
        string lastSeen;
        await using (var firstConnection = await RealtimeClient.ConnectAsync(fixture.Host.BaseAddress, jackToken))
        {
            for (var i = 1; i <= 3; i++)
            {
                (await send(i)).EnsureStatus(201);
            }

            lastSeen = (await firstConnection.WaitForMessageAsync("m3")).GetProperty("id").GetString()!;
        }

        for (var i = 4; i <= 9; i++)
        {
            (await send(i)).EnsureStatus(201);
        }

        await using var reconnected = await RealtimeClient.ConnectAsync(fixture.Host.BaseAddress, jackToken);
        var missed = new List<string>();
        string? continuation = null;
        do
        {
            var query = $"/api/rooms/{roomId}/messages?after={lastSeen}&limit=2" + (continuation is null ? "" : $"&continuationToken={Uri.EscapeDataString(continuation)}");
            var page = await (await jack.GetAsync(query)).JsonAsync();
            missed.AddRange(page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()!));
            continuation = page.GetProperty("continuationToken").GetString();
        }
        while (continuation is not null);

        Assert.Equal(["m9", "m8", "m7", "m6", "m5", "m4"], missed);
        (await send(10)).EnsureStatus(201);
        await reconnected.WaitForMessageAsync("m10");
    }

    [Fact]
    public async Task ViewerCounts_ArePushedAggregated_NotOncePerJoin()
    {
        var (tenant, roomId, _) = await LiveRoomAsync();
        await tenant.CreateUserAsync("observer");
        var observerToken = await tenant.MintTokenAsync("observer");
        await using var observer = await RealtimeClient.ConnectAsync(fixture.Host.BaseAddress, observerToken);
        (await fixture.Admin.WithBearer(observerToken).PostAsync($"/api/rooms/{roomId}/join", body: null)).EnsureStatus(200);
        await observer.WaitForAsync("viewers", v => v.GetProperty("count").GetInt32() == 1);

        var viewers = Enumerable.Range(0, 8).Select(i => $"crowd-{i}").ToArray();
        foreach (var viewer in viewers)
        {
            await tenant.CreateUserAsync(viewer);
        }

        var tokens = await Task.WhenAll(viewers.Select(tenant.MintTokenAsync));
        var joins = await Task.WhenAll(tokens.Select(t => fixture.Admin.WithBearer(t).PostAsync($"/api/rooms/{roomId}/join", body: null)));

        Assert.All(joins, j => j.EnsureStatus(200));
        await observer.WaitForAsync("viewers", v => v.GetProperty("count").GetInt32() == 9);
        var pushes = observer.Of("viewers").Count();
        Assert.True(pushes < 1 + viewers.Length, $"expected aggregated pushes, got {pushes} for {viewers.Length + 1} joins");
        var listed = await (await tenant.Partner.GetAsync($"/api/rooms/{roomId}/viewers?limit=5")).JsonAsync();
        Assert.Equal(9, listed.GetProperty("count").GetInt32());
        Assert.Equal(5, listed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Leave_AndLapsedHeartbeats_TakeTheViewerOutOfTheRoom()
    {
        var (tenant, roomId, host) = await LiveRoomAsync();
        await tenant.CreateUserAsync("kim");
        await tenant.CreateUserAsync("lee");
        var kimToken = await tenant.MintTokenAsync("kim");
        var leeToken = await tenant.MintTokenAsync("lee");
        await using var kim = await RealtimeClient.ConnectAsync(fixture.Host.BaseAddress, kimToken);
        await using var lee = await RealtimeClient.ConnectAsync(fixture.Host.BaseAddress, leeToken);
        (await fixture.Admin.WithBearer(kimToken).PostAsync($"/api/rooms/{roomId}/join", body: null)).EnsureStatus(200);
        (await fixture.Admin.WithBearer(leeToken).PostAsync($"/api/rooms/{roomId}/heartbeat", body: null)).EnsureStatus(200);

        (await fixture.Admin.WithBearer(kimToken).PostAsync($"/api/rooms/{roomId}/leave", body: null)).EnsureStatus(204);
        var presence = fixture.AppServices.GetRequiredService<PresenceStore>();
        var leeRow = await presence.GetAsync(tenant.Id, roomId, "lee", CancellationToken.None);
        await presence.UpsertAsync(tenant.Id, roomId, leeRow! with { LastSeenAt = DateTimeOffset.UtcNow - ViewerPresence.Ttl - TimeSpan.FromSeconds(5) }, CancellationToken.None);
        await fixture.AppServices.GetRequiredService<PresenceService>().SweepExpiredAsync(CancellationToken.None);

        var listed = await (await tenant.Partner.GetAsync($"/api/rooms/{roomId}/viewers")).JsonAsync();
        Assert.Equal(0, listed.GetProperty("count").GetInt32());
        Assert.Null(await presence.GetAsync(tenant.Id, roomId, "lee", CancellationToken.None));
        (await host.PostAsync($"/api/rooms/{roomId}/messages", new { text = "anyone?" })).EnsureStatus(201);
        await tenant.CreateUserAsync("marker");
        var markerToken = await tenant.MintTokenAsync("marker");
        await using var marker = await RealtimeClient.ConnectAsync(fixture.Host.BaseAddress, markerToken);
        (await fixture.Admin.WithBearer(markerToken).PostAsync($"/api/rooms/{roomId}/join", body: null)).EnsureStatus(200);
        (await host.PostAsync($"/api/rooms/{roomId}/messages", new { text = "marker" })).EnsureStatus(201);
        await marker.WaitForMessageAsync("marker");
        Assert.Empty(kim.Of("chatMessage"));
        Assert.Empty(lee.Of("chatMessage"));
    }

    [Fact]
    public async Task JoiningAnEndedRoom_IsAConflict()
    {
        var (tenant, roomId, _) = await LiveRoomAsync();
        (await tenant.Partner.PostAsync($"/api/rooms/{roomId}/end", body: null)).EnsureStatus(200);
        await tenant.CreateUserAsync("late");

        await (await (await tenant.AsUserAsync("late")).PostAsync($"/api/rooms/{roomId}/join", body: null)).AssertProblemAsync(409);
    }

    private async Task<(Tenant Tenant, string RoomId, ApiClient Host)> LiveRoomAsync()
    {
        var tenant = await fixture.NewTenantAsync();
        var hostId = await tenant.CreateUserAsync("host", role: "host");
        var roomId = await tenant.CreateRoomAsync(hostId);
        await tenant.StartRoomAsync(roomId);
        return (tenant, roomId, await tenant.AsUserAsync(hostId));
    }

    private string SignalREndpoint()
    {
        var parts = fixture.SignalRConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return $"{parts["Endpoint"]}:{parts["Port"]}/";
    }

    private static string SignalRToken(string key, string audience, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Audience = audience,
        NotBefore = expires.AddHours(-2),
        IssuedAt = expires.AddHours(-2),
        Expires = expires,
        Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.NameId] = "t:someone" },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });
}
