using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Domain.Webhooks;

namespace LiveServerless.Api.Tests.Webhooks;

/// <summary>Webhooks end to end: a real receiver on loopback subscribed through the API, events caused through the API.</summary>
[Collection(DevHostCollection.Name)]
public sealed class WebhookDeliveryTests(DevHostFixture fixture) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task ARoomStarting_ArrivesSigned_AndTheSignatureVerifiesWithThePublishedAlgorithm()
    {
        var tenant = await fixture.NewTenantAsync();
        var (webhookId, secret) = await SubscribeAsync(tenant, "room.started", "room.ended");
        var roomId = await tenant.CreateRoomAsync(await tenant.CreateUserAsync(role: "host"));

        await tenant.StartRoomAsync(roomId);

        var received = await Eventually.MatchesAsync(() => Task.FromResult(_receiver.Received), r => r.Count >= 1, "the room.started delivery");
        var webhook = Assert.Single(received);
        var body = JsonDocument.Parse(webhook.Body).RootElement;
        Assert.Equal("room.started", body.GetProperty("type").GetString());
        Assert.Equal(roomId, body.GetProperty("data").GetProperty("roomId").GetString());
        Assert.StartsWith("v1,", webhook.Signature, StringComparison.Ordinal);

        // The published algorithm, written out here independently of the app's code: HMAC-SHA256 keyed with the base64-decoded
        // part of the whsec_ secret, over "{webhook-id}.{webhook-timestamp}.{body}", base64, prefixed "v1,".
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}")));
        Assert.Equal(expected, webhook.Signature);
        Assert.InRange(long.Parse(webhook.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        Assert.True(WebhookSignature.Verify(secret, webhook.Id!, webhook.Timestamp!, webhook.Signature!, webhook.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(secret, webhook.Id!, webhook.Timestamp!, webhook.Signature!, webhook.Body + " ", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

        var log = await Eventually.MatchesAsync(
            async () => await (await tenant.Partner.GetAsync($"/api/webhooks/{webhookId}/deliveries")).JsonAsync(),
            l => l.GetProperty("items").EnumerateArray().Any(d => d.GetProperty("status").GetString() == "delivered"),
            "the delivery log to show the delivery");
        var delivery = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal(webhook.Id, delivery.GetProperty("id").GetString());
        Assert.Equal(200, delivery.GetProperty("attempts")[0].GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task AReceiverFailingThreeTimesThenSucceeding_GetsTheEventExactlyOnceAfterDedupe()
    {
        var tenant = await fixture.NewTenantAsync();
        var (webhookId, _) = await SubscribeAsync(tenant, "wallet.credited");
        var userId = await tenant.CreateUserAsync();
        _receiver.Answer = n => n switch
        {
            1 => (500, null),
            2 => (503, null),
            3 => (429, new Dictionary<string, string> { ["Retry-After"] = "1" }),
            _ => (200, null),
        };

        await tenant.CreditAsync(userId, 100, "order-1");

        await Eventually.HoldsAsync(() => Task.FromResult(_receiver.Received.Count >= 4), "four attempts");
        var received = _receiver.Received;
        Assert.Equal(4, received.Count);
        Assert.Single(received.Select(r => r.Id).Distinct());
        var once = Assert.Single(_receiver.Deduplicated());
        Assert.Equal("order-1", JsonDocument.Parse(once.Body).RootElement.GetProperty("data").GetProperty("reference").GetString());
        var log = await Eventually.MatchesAsync(
            async () => await (await tenant.Partner.GetAsync($"/api/webhooks/{webhookId}/deliveries")).JsonAsync(),
            l => l.GetProperty("items")[0].GetProperty("status").GetString() == "delivered",
            "the delivery log");
        var attempts = log.GetProperty("items")[0].GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()).ToArray();
        Assert.Equal([500, 503, 429, 200], attempts);
        var gap = log.GetProperty("items")[0].GetProperty("attempts")[3].GetProperty("at").GetDateTimeOffset()
            - log.GetProperty("items")[0].GetProperty("attempts")[2].GetProperty("at").GetDateTimeOffset();
        Assert.True(gap >= TimeSpan.FromSeconds(1), $"Retry-After: 1 was not honoured (the next attempt came after {gap})");
    }

    [Fact]
    public async Task GiftsAndFollows_ComeFromTheStream_WithTheEventIdAsWebhookId_AndAManualRetrySendsTheSameIdAgain()
    {
        var tenant = await fixture.NewTenantAsync();
        var (webhookId, _) = await SubscribeAsync(tenant, "gift.sent", "follow.created");
        var hostId = await tenant.CreateUserAsync(role: "host");
        var roomId = await tenant.CreateRoomAsync(hostId);
        await tenant.StartRoomAsync(roomId);
        var viewerId = await tenant.CreateUserAsync();
        await tenant.DefineGiftAsync("rose", 5);
        await tenant.CreditAsync(viewerId, 50);
        var viewer = await tenant.AsUserAsync(viewerId);

        (await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "gift", giftId = "rose", count = 2, idempotencyKey = "tap-1" })).EnsureStatus(202);
        (await viewer.PostAsync($"/api/rooms/{roomId}/interactions", new { type = "follow" })).EnsureStatus(202);

        var received = await Eventually.MatchesAsync(() => Task.FromResult(_receiver.Deduplicated()), r => r.Count >= 2, "the gift and the follow");
        var types = received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()!).Order().ToArray();
        Assert.Equal(["follow.created", "gift.sent"], types);
        var gift = received.Single(r => r.Body.Contains("gift.sent", StringComparison.Ordinal));
        var data = JsonDocument.Parse(gift.Body).RootElement.GetProperty("data");
        Assert.Equal(10, data.GetProperty("value").GetDecimal());
        Assert.Equal(viewerId, data.GetProperty("userId").GetString());

        (await tenant.Partner.PostAsync($"/api/webhooks/{webhookId}/deliveries/{gift.Id}/retry", body: null)).EnsureStatus(202);

        await Eventually.HoldsAsync(() => Task.FromResult(_receiver.Received.Count(r => r.Id == gift.Id) == 2), "the manual retry");
        Assert.Equal(2, _receiver.Deduplicated().Count);
    }

    [Fact]
    public async Task ASubscription_OnlyGetsTheTypesItNamed_AndNothingOfOtherTenants()
    {
        var tenant = await fixture.NewTenantAsync();
        var other = await fixture.NewTenantAsync();
        await SubscribeAsync(tenant, "room.ended");
        var roomId = await tenant.CreateRoomAsync(await tenant.CreateUserAsync(role: "host"));
        var otherRoom = await other.CreateRoomAsync(await other.CreateUserAsync(role: "host"));
        await other.StartRoomAsync(otherRoom);
        (await other.Partner.PostAsync($"/api/rooms/{otherRoom}/end", body: null)).EnsureStatus(200);

        await tenant.StartRoomAsync(roomId);
        (await tenant.Partner.PostAsync($"/api/rooms/{roomId}/end", body: null)).EnsureStatus(200);

        await Eventually.MatchesAsync(() => Task.FromResult(_receiver.Deduplicated()), r => r.Count >= 1, "room.ended");

        // Deliberate, and the behaviour under test: the window in which the other tenant's room.ended would arrive too (it may not).
        await Task.Delay(TimeSpan.FromSeconds(2));
        var only = Assert.Single(_receiver.Deduplicated());
        Assert.Equal("room.ended", JsonDocument.Parse(only.Body).RootElement.GetProperty("type").GetString());
        Assert.Equal(roomId, JsonDocument.Parse(only.Body).RootElement.GetProperty("data").GetProperty("roomId").GetString());
    }

    [Fact]
    public async Task ARedirect_IsNotFollowed_AndFailsTheDelivery()
    {
        var tenant = await fixture.NewTenantAsync();
        var (webhookId, _) = await SubscribeAsync(tenant, "room.started");
        _receiver.Answer = _ => (302, new Dictionary<string, string> { ["Location"] = _receiver.Url("/elsewhere") });

        (await tenant.Partner.PostAsync($"/api/webhooks/{webhookId}/test", body: null)).EnsureStatus(202);

        var log = await Eventually.MatchesAsync(
            async () => await (await tenant.Partner.GetAsync($"/api/webhooks/{webhookId}/deliveries")).JsonAsync(),
            l => l.GetProperty("items")[0].GetProperty("status").GetString() == "failed",
            "the redirected delivery to fail");
        Assert.Equal(302, log.GetProperty("items")[0].GetProperty("attempts")[0].GetProperty("statusCode").GetInt32());
        Assert.All(_receiver.Received, r => Assert.Equal("/hooks", r.Path));
        Assert.Single(_receiver.Received);
    }

    private async Task<(string Id, string Secret)> SubscribeAsync(Tenant tenant, params string[] events)
    {
        var created = await tenant.Partner.PostAsync("/api/webhooks", new { url = _receiver.Url(), events, description = "test receiver" });
        created.EnsureStatus(201);
        var json = await created.JsonAsync();
        var secret = json.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var read = await (await tenant.Partner.GetAsync($"/api/webhooks/{json.GetProperty("id").GetString()}")).JsonAsync();
        Assert.False(read.TryGetProperty("secret", out _), "the secret is shown once, at creation");
        return (json.GetProperty("id").GetString()!, secret);
    }
}
