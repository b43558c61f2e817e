using System.Net.Http.Json;
using System.Text.Json;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Functions.Idempotency;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>
/// What every answer carries besides its body, whichever result type wrote it: no caching, the JSON media types, the object's
/// version and place, and problem documents with the request's path and trace id.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class ResponseHeadersTests(DevHostFixture fixture)
{
    [Fact]
    public async Task Successes_AreNoStoreJson_WithETagAndLocation()
    {
        var tenant = await fixture.NewTenantAsync("users", "rooms", "moderation");
        var hostId = await tenant.CreateUserAsync(role: "host");
        await tenant.CreateRoomAsync(hostId, id: "r-hdr");

        var created = await tenant.Partner.PostAsync("/api/users", new { id = "hdr", displayName = "Headers" });
        var read = await tenant.Partner.GetAsync("/api/users/hdr");
        var erasing = await tenant.Partner.DeleteAsync("/api/users/hdr");
        var deleted = await tenant.Partner.DeleteAsync("/api/rooms/r-hdr");

        created.EnsureStatus(201);
        Assert.Equal("/api/users/hdr", created.Headers.Location?.ToString());
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);
        Assert.StartsWith("\"", read.Headers.ETag?.Tag, StringComparison.Ordinal);
        erasing.EnsureStatus(202);
        Assert.NotNull(erasing.Headers.Location);
        deleted.EnsureStatus(204);
        Assert.All(new[] { created, read, erasing }, r => Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType));
        Assert.All(new[] { created, read, erasing, deleted }, AssertNoStore);
    }

    [Fact]
    public async Task Problems_AreNoStoreProblemJson_NamingThePathAndTrace()
    {
        var tenant = await fixture.NewTenantAsync("users");

        var invalid = await tenant.Partner.PostAsync("/api/users", new RawBody("""{"displayName":"x","noSuchField":1}"""));
        var missing = await tenant.Partner.GetAsync("/api/users/nobody");
        var noRoute = await tenant.Partner.GetAsync("/api/no-such-route");

        var problem = await invalid.AssertProblemAsync(400);
        Assert.Equal(
            ["type", "title", "status", "detail", "instance", "errors", "traceId"],
            problem.EnumerateObject().Select(p => p.Name));
        Assert.Equal("https://liveserverless.dev/problems/validation", problem.GetProperty("type").GetString());
        Assert.Equal("/api/users", problem.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.Equal("is not a known field", problem.GetProperty("errors").GetProperty("noSuchField")[0].GetString());
        Assert.Equal("/api/users/nobody", (await missing.AssertProblemAsync(404)).GetProperty("instance").GetString());
        Assert.Null(missing.Headers.ETag);
        Assert.False(string.IsNullOrEmpty((await noRoute.AssertProblemAsync(404)).GetProperty("traceId").GetString()));
        Assert.All(new[] { invalid, missing, noRoute }, AssertNoStore);
    }

    [Fact]
    public async Task AReplayedAnswer_IsNoStore_WithTheFirstAnswersLocationAndETag()
    {
        var tenant = await fixture.NewTenantAsync("users");

        var first = await CreateWithKeyAsync(tenant, "replay-headers");
        var replay = await CreateWithKeyAsync(tenant, "replay-headers");

        first.EnsureStatus(201);
        replay.EnsureStatus(201);
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(first.Headers.ETag, replay.Headers.ETag);
        Assert.Equal("application/json", replay.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            JsonSerializer.Serialize(await first.Content.ReadFromJsonAsync<JsonElement>()),
            JsonSerializer.Serialize(await replay.Content.ReadFromJsonAsync<JsonElement>()));
        AssertNoStore(replay);
    }

    private static Task<HttpResponseMessage> CreateWithKeyAsync(Tenant tenant, string key) => tenant.Partner.SendWithHeadersAsync(
        HttpMethod.Post, "/api/users", JsonContent.Create(new { displayName = "Once" }), (IdempotencyMiddleware.Header, key));

    private static void AssertNoStore(HttpResponseMessage response) =>
        Assert.True(response.Headers.CacheControl?.NoStore, $"{response.RequestMessage?.RequestUri}: Cache-Control is '{response.Headers.CacheControl}'");
}
