using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Realtime;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveServerless.Api.Tests.Realtime;

/// <summary>Unit tests of the SignalR Service token rules (no host needed).</summary>
public sealed class SignalRTokensTests
{
    private const string AccessKey = "unit-test-access-key-of-at-least-32-bytes";

    private static readonly DateTimeOffset Now = new(2026, 11, 28, 20, 0, 0, TimeSpan.Zero);

    private static SignalRTokens Tokens(string connectionString) =>
        new(Options.Create(new SignalROptions { ConnectionString = connectionString, HubName = "Live" }), new FakeTimeProvider(Now));

    [Fact]
    public void ForClient_Azure_UrlAndAudienceAreTheHubsClientEndpoint()
    {
        var (url, token) = Tokens($"Endpoint=https://demo.service.signalr.net;AccessKey={AccessKey};Version=1.0;").ForClient("t1:alice", DateTimeOffset.MaxValue);

        var jwt = new JsonWebToken(token);
        Assert.Equal("https://demo.service.signalr.net/client/?hub=live", url);
        Assert.Equal(["https://demo.service.signalr.net/client/?hub=live"], jwt.Audiences);
        Assert.Equal("t1:alice", jwt.GetClaim("nameid").Value);
        Assert.Equal(Now.UtcDateTime + SignalRTokens.ClientTokenLifetime, jwt.ValidTo);
    }

    [Fact]
    public void ForClient_NeverOutlivesTheUserTokenItCameFrom()
    {
        var userTokenExpiresAt = Now + TimeSpan.FromMinutes(7);
        var (_, token) = Tokens($"Endpoint=https://demo.service.signalr.net;AccessKey={AccessKey};Version=1.0;").ForClient("t1:alice", userTokenExpiresAt);

        Assert.Equal(userTokenExpiresAt.UtcDateTime, new JsonWebToken(token).ValidTo);
    }

    [Fact]
    public void ForClient_LocalEmulator_UrlHasThePort_AudienceDoesNot()
    {
        var (url, token) = Tokens($"Endpoint=http://localhost;Port=8888;AccessKey={AccessKey};Version=1.0;").ForClient("t1:alice", DateTimeOffset.MaxValue);

        Assert.Equal("http://localhost:8888/client/?hub=live", url);
        Assert.Equal(["http://localhost/client/?hub=live"], new JsonWebToken(token).Audiences);
    }

    [Fact]
    public async Task Tokens_AreSignedWithTheAccessKey()
    {
        var (_, token) = Tokens($"Endpoint=https://demo.service.signalr.net;AccessKey={AccessKey};Version=1.0;").ForClient("u", DateTimeOffset.MaxValue);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(AccessKey)),
            ValidateIssuer = false,
            ValidAudience = "https://demo.service.signalr.net/client/?hub=live",
            ValidateLifetime = false,
        });

        Assert.True(result.IsValid);
    }

    [Fact]
    public void ForServer_AudienceIsTheRequestUrlWithoutItsQuery()
    {
        var tokens = Tokens($"Endpoint=https://demo.service.signalr.net;AccessKey={AccessKey};Version=1.0;");

        var token = tokens.ForServer(new Uri("https://demo.service.signalr.net/api/hubs/live/groups/room%3At%3Ar/:send?api-version=2022-06-01"));

        Assert.Equal(["https://demo.service.signalr.net/api/hubs/live/groups/room%3At%3Ar/:send"], new JsonWebToken(token).Audiences);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Endpoint=https://x.service.signalr.net;Version=1.0;")]
    [InlineData("AccessKey=abc;Version=1.0;")]
    [InlineData("Endpoint=not a url;AccessKey=abc;")]
    public void Parse_MalformedConnectionStrings_AreRefused(string connectionString) =>
        Assert.Throws<FormatException>(() => SignalRConnectionString.Parse(connectionString));
}
