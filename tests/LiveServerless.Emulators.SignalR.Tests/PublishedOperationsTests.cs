using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveServerless.Emulators.SignalR.Tests;

/// <summary>
/// Every operation of the data-plane REST API 2022-06-01 as published (Azure/azure-signalr docs/swagger/V20220601.json): its verb,
/// path and documented status codes, for a target that exists and, where the API documents 404, for one that does not; and the
/// error body (ErrorDetail: code, message) of a refused call.
/// </summary>
public sealed class PublishedOperationsTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string ApiVersion = "api-version=2022-06-01";
    private const string User = "alice";
    private const string Group = "room";
    private static readonly object SendBody = EmulatorFixture.Message("hello");

    /// <summary>Method, path (placeholders {hub}, {connection}, {user}, {group}), the answer for an existing target, and for a missing one.</summary>
    public static TheoryData<string, string, int, int?> Operations { get; } = new()
    {
        { "POST", "/api/hubs/{hub}/:closeConnections", 204, null },
        { "POST", "/api/hubs/{hub}/:send", 202, null },
        { "DELETE", "/api/hubs/{hub}/connections/{connection}", 200, null },
        { "HEAD", "/api/hubs/{hub}/connections/{connection}", 200, 404 },
        { "POST", "/api/hubs/{hub}/connections/{connection}/:send", 202, null },
        { "DELETE", "/api/hubs/{hub}/connections/{connection}/groups", 200, null },
        { "HEAD", "/api/hubs/{hub}/groups/{group}", 200, 404 },
        { "POST", "/api/hubs/{hub}/groups/{group}/:closeConnections", 204, null },
        { "POST", "/api/hubs/{hub}/groups/{group}/:send", 202, null },
        { "DELETE", "/api/hubs/{hub}/groups/{group}/connections/{connection}", 200, 404 },
        { "PUT", "/api/hubs/{hub}/groups/{group}/connections/{connection}", 200, 404 },
        { "HEAD", "/api/hubs/{hub}/users/{user}", 200, 404 },
        { "POST", "/api/hubs/{hub}/users/{user}/:closeConnections", 204, null },
        { "POST", "/api/hubs/{hub}/users/{user}/:send", 202, null },
        { "DELETE", "/api/hubs/{hub}/users/{user}/groups", 204, null },
        { "DELETE", "/api/hubs/{hub}/users/{user}/groups/{group}", 204, null },
        { "HEAD", "/api/hubs/{hub}/users/{user}/groups/{group}", 200, 404 },
        { "PUT", "/api/hubs/{hub}/users/{user}/groups/{group}", 200, null },
    };

    /// <summary>The method and path of every operation.</summary>
    public static TheoryData<string, string> Routes { get; } = RoutesOf(Operations);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_OnAnExistingTarget_AnswersTheDocumentedSuccess(string method, string path, int expected, int? _)
    {
        var (hub, client) = await ConnectedUserInGroupAsync();
        await using (client)
        {
            using var response = await CallAsync(method, Fill(path, hub, client.ConnectionId));

            Assert.Equal(expected, (int)response.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_OnAMissingTarget_AnswersTheDocumentedNotFound(string method, string path, int expected, int? whenMissing)
    {
        var hub = EmulatorFixture.NewName("live");

        using var response = await CallAsync(method, Fill(path, hub, "no-such-connection", user: "nobody", group: "empty"));

        // Operations without a documented 404 succeed on a missing target, as the service's do.
        Assert.Equal(whenMissing ?? expected, (int)response.StatusCode);
        if (whenMissing == 404 && method != "HEAD")
        {
            await AssertErrorDetailAsync(response, "NotFound");
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Operation_WithoutApiVersion_IsRefusedWithAnErrorDetail(string method, string path)
    {
        using var response = await emulator.RestAsync(new HttpMethod(method == "HEAD" ? "GET" : method), Fill(path, EmulatorFixture.NewName("live"), "c"), Body(path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertErrorDetailAsync(response, "BadRequest");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Operation_WithATokenForAnotherKey_IsRefusedWithAnErrorDetail(string method, string path)
    {
        var url = Fill(path, EmulatorFixture.NewName("live"), "c");
        var forged = TestTokens.Server("another-key-that-is-long-enough-for-hs256!", $"{emulator.BaseUrl}{url}");

        using var response = await emulator.RestAsync(new HttpMethod(method == "HEAD" ? "GET" : method), $"{url}?{ApiVersion}", Body(path), forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertErrorDetailAsync(response, "Unauthorized");
    }

    [Fact]
    public async Task Health_AnswersWithoutAToken()
    {
        using var response = await emulator.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{emulator.BaseUrl}/api/health?{ApiVersion}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Send_WithoutATarget_IsRefusedWithAnErrorDetail()
    {
        using var response = await emulator.RestAsync(HttpMethod.Post, $"/api/hubs/{EmulatorFixture.NewName("live")}/:send?{ApiVersion}", new { arguments = new[] { 1 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertErrorDetailAsync(response, "BadRequest");
    }

    [Fact]
    public async Task CloseUserConnections_ClosesTheUsersConnectionsButTheExcludedOne()
    {
        var hub = EmulatorFixture.NewName("live");
        await using var first = await TestClient.ConnectAsync(emulator, hub, User);
        await using var second = await TestClient.ConnectAsync(emulator, hub, User);
        await using var other = await TestClient.ConnectAsync(emulator, hub, "bob");
        var closed = Closed(first.Connection);

        await emulator.RestOkAsync(HttpMethod.Post, $"/api/hubs/{hub}/users/{User}/:closeConnections?{ApiVersion}&excluded={second.ConnectionId}");

        await closed.WaitAsync(EmulatorFixture.Timeout);
        await second.ExpectNothingMoreAsync(hub);
        await other.ExpectNothingMoreAsync(hub);
    }

    [Fact]
    public async Task CloseGroupConnections_ClosesOnlyTheGroupsConnections()
    {
        var (hub, member) = await ConnectedUserInGroupAsync();
        await using (member)
        await using (var outsider = await TestClient.ConnectAsync(emulator, hub, "bob"))
        {
            var closed = Closed(member.Connection);

            await emulator.RestOkAsync(HttpMethod.Post, $"/api/hubs/{hub}/groups/{Group}/:closeConnections?{ApiVersion}");

            await closed.WaitAsync(EmulatorFixture.Timeout);
            await outsider.ExpectNothingMoreAsync(hub);
        }
    }

    /// <summary>A fresh hub with one connection of <see cref="User"/>, who is a member of <see cref="Group"/>, registered on the server.</summary>
    private async Task<(string Hub, TestClient Client)> ConnectedUserInGroupAsync()
    {
        var hub = EmulatorFixture.NewName("live");
        var client = await TestClient.ConnectAsync(emulator, hub, User);
        await emulator.RestOkAsync(HttpMethod.Put, $"/api/hubs/{hub}/users/{User}/groups/{Group}?{ApiVersion}");

        // The client's handshake completes just before the server registers the connection, so wait for the server to know it.
        await Eventually.MatchesAsync(
            async () =>
            {
                using var response = await emulator.RestAsync(HttpMethod.Head, $"/api/hubs/{hub}/groups/{Group}?{ApiVersion}");
                return response.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            "The server knowing the connection",
            EmulatorFixture.Timeout);
        return (hub, client);
    }

    private static TheoryData<string, string> RoutesOf(TheoryData<string, string, int, int?> operations)
    {
        var routes = new TheoryData<string, string>();
        foreach (var row in operations)
        {
            routes.Add((string)row[0], (string)row[1]);
        }

        return routes;
    }

    private Task<HttpResponseMessage> CallAsync(string method, string path) =>
        emulator.RestAsync(new HttpMethod(method), $"{path}?{ApiVersion}", Body(path));

    private static object? Body(string path) => path.EndsWith("/:send", StringComparison.Ordinal) ? SendBody : null;

    private static string Fill(string path, string hub, string connection, string user = User, string group = Group) =>
        path.Replace("{hub}", hub, StringComparison.Ordinal)
            .Replace("{connection}", connection, StringComparison.Ordinal)
            .Replace("{user}", user, StringComparison.Ordinal)
            .Replace("{group}", group, StringComparison.Ordinal);

    private static async Task AssertErrorDetailAsync(HttpResponseMessage response, string code)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("message").GetString()));
    }

    private static Task Closed(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
