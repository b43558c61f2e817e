using System.Net;
using System.Security.Cryptography;

namespace LiveServerless.Emulators.SignalR.Tests;

public sealed class RestAuthenticationTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Send_WithoutToken_Answers401()
    {
        var url = $"{emulator.BaseUrl}/api/hubs/live/:send?api-version=2022-06-01";

        using var response = await emulator.Http.PostAsync(url, new StringContent("""{"target":"x"}""")).WaitAsync(EmulatorFixture.Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Send_WithTokenSignedByAnotherKey_Answers401()
    {
        var forged = TestTokens.Server(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), $"{emulator.BaseUrl}/api/hubs/live/:send");

        using var response = await emulator.RestAsync(HttpMethod.Post, "/api/hubs/live/:send?api-version=2022-06-01", EmulatorFixture.Message("x"), forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Send_WithExpiredToken_Answers401()
    {
        var expired = TestTokens.Expired(emulator.AccessKey, $"{emulator.BaseUrl}/api/hubs/live/:send");

        using var response = await emulator.RestAsync(HttpMethod.Post, "/api/hubs/live/:send?api-version=2022-06-01", EmulatorFixture.Message("x"), expired);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/hubs/otherhub/:send")]
    [InlineData("/api/hubs/live/users/alice/:send")]
    [InlineData("/client/?hub=live")]
    public async Task Send_WithTokenForAnotherUrl_Answers401(string audiencePath)
    {
        var token = TestTokens.Server(emulator.AccessKey, emulator.BaseUrl + audiencePath);

        using var response = await emulator.RestAsync(HttpMethod.Post, "/api/hubs/live/:send?api-version=2022-06-01", EmulatorFixture.Message("x"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost/api/hubs/live/:send")]
    [InlineData("http://LOCALHOST:{port}/API/HUBS/LIVE/:send/")]
    public async Task Send_WithAudienceVariantOfTheRequestUrl_IsAccepted(string audienceTemplate)
    {
        var audience = audienceTemplate.Replace("{port}", emulator.Emulator.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var response = await emulator.RestAsync(
            HttpMethod.Post, "/api/hubs/live/:send?api-version=2022-06-01", EmulatorFixture.Message("x"), TestTokens.Server(emulator.AccessKey, audience));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Head_WithoutToken_Answers401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"{emulator.BaseUrl}/api/hubs/live/users/alice?api-version=2022-06-01");

        using var response = await emulator.Http.SendAsync(request).WaitAsync(EmulatorFixture.Timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("HEAD", "/api/health")]
    [InlineData("GET", "/api/health")]
    [InlineData("GET", "/api/v1/health")]
    public async Task Health_WithoutToken_Answers200(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{emulator.BaseUrl}{path}?api-version=2022-06-01");

        using var response = await emulator.Http.SendAsync(request).WaitAsync(EmulatorFixture.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"target":1}""")]
    [InlineData("""{"target":"  "}""")]
    [InlineData("""{"target":"x","arguments":{"not":"an array"}}""")]
    public async Task Send_WithMalformedBody_Answers400(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{emulator.BaseUrl}/api/hubs/live/:send?api-version=2022-06-01") { Content = content };
        request.Headers.Authorization = new("Bearer", TestTokens.Server(emulator.AccessKey, $"{emulator.BaseUrl}/api/hubs/live/:send"));

        using var response = await emulator.Http.SendAsync(request).WaitAsync(EmulatorFixture.Timeout);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Send_WithoutApiVersion_Answers400()
    {
        using var response = await emulator.RestAsync(HttpMethod.Post, "/api/hubs/live/:send", EmulatorFixture.Message("x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Send_ToInvalidHubName_Answers400()
    {
        using var response = await emulator.RestAsync(HttpMethod.Post, "/api/hubs/1live/:send?api-version=2022-06-01", EmulatorFixture.Message("x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AddUserToGroup_WithNegativeTtl_Answers400()
    {
        using var response = await emulator.RestAsync(HttpMethod.Put, "/api/hubs/live/users/alice/groups/room?api-version=2022-06-01&ttl=-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
