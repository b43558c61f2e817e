using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Api.Tests.Webhooks;

/// <summary>
/// SSRF refusals with the Azure configuration (https only, no private targets), and the outbox across a crash between a write and its
/// delivery — at service level, against the test's emulators, with the app's own registrations.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class WebhookSafetyTests(DevHostFixture fixture) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    public static TheoryData<string> UnsafeTargets =>
    [
        "http://example.com/hooks",
        "https://127.0.0.1/hooks",
        "https://[::1]/hooks",
        "https://10.1.2.3/hooks",
        "https://172.16.0.1/hooks",
        "https://192.168.1.10/hooks",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/hooks",
        "https://0.0.0.0/hooks",
        "https://[fd00::1]/hooks",
        "https://[::ffff:127.0.0.1]/hooks",
        "https://localhost/hooks",
        "https://metadata.internal/hooks",
        "https://intranet/hooks",
        "https://user:pass@example.com/hooks",
        "ftp://example.com/hooks",
        "not a url",
    ];

    [Theory]
    [MemberData(nameof(UnsafeTargets))]
    public async Task InAzure_UnsafeTargets_AreRefusedWhenSubscribing(string url)
    {
        await using var services = AzureConfigured();
        var webhooks = services.GetRequiredService<WebhookService>();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => webhooks.CreateAsync("t-ssrf", new NewSubscription(url, ["room.started"], null), CancellationToken.None));

        Assert.Contains("url", refused.Errors.Keys);
    }

    [Fact]
    public async Task InAzure_APublicHttpsTarget_IsAccepted()
    {
        await using var services = AzureConfigured();
        var tenantId = "t" + Guid.NewGuid().ToString("N")[..10];

        var subscription = await services.GetRequiredService<WebhookService>().CreateAsync(
            tenantId, new NewSubscription("https://hooks.example.com/live", ["room.started"], null), CancellationToken.None);

        Assert.Equal("https://hooks.example.com/live", subscription.Url);
    }

    [Fact]
    public async Task InAzure_ANameThatResolvesToLoopback_IsRefusedWhenConnecting_AndNothingIsSent()
    {
        await using var services = AzureConfigured();
        var sender = services.GetRequiredService<WebhookSender>();
        var now = DateTimeOffset.UtcNow;

        // Saved while it resolved elsewhere (rebinding), or a name the save-time rules cannot judge: the connection is still refused.
        var subscription = new WebhookSubscription("s1", "t1", $"http://localhost:{_receiver.BaseAddress.Port}/hooks", ["room.started"], null,
            WebhookSecret.Generate(), Enabled: true, null, null, now, now);
        var delivery = WebhookDelivery.Create("t1", "s1", WebhookEvent.Of("evt_rebind", "t1", "room.started", now, new { roomId = "r1" }), now);

        var result = await sender.SendAsync(subscription, delivery, CancellationToken.None);

        Assert.Null(result.Attempt.StatusCode);
        Assert.StartsWith(WebhookDelivery.RefusedPrefix, result.Attempt.Error, StringComparison.Ordinal);
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.After(result.Attempt, null, DeliveryPolicy.Default, 0.5).Status);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task TheAppStoppingBetweenAWriteAndItsDelivery_StillDelivers_AndAWriteThatNeverHappened_SendsNothing()
    {
        var tenant = await fixture.NewTenantAsync();
        var created = await tenant.Partner.PostAsync("/api/webhooks", new { url = _receiver.Url(), events = new[] { "room.started" } });
        created.EnsureStatus(201);
        var started = await tenant.CreateRoomAsync(await tenant.CreateUserAsync("host-1", role: "host"));
        var neverStarted = await tenant.CreateRoomAsync("host-1");
        var rooms = fixture.AppServices.GetRequiredService<RoomStore>();
        var now = DateTimeOffset.UtcNow;

        // What RoomService.StartAsync does, stopped where a crash would stop it: the intent is recorded, the room is written live,
        // and the process dies before completing. The other intent's write never happens (the process died before it). The intents
        // are recorded as if two minutes ago, so the relay sees requests that are long dead.
        await using var earlier = fixture.CreateAppServices(fixture.Settings, new ShiftedClock(-(WebhookOutbox.RelayAfter + TimeSpan.FromMinutes(1))));
        var outbox = earlier.GetRequiredService<WebhookOutbox>();
        var room = (await rooms.GetRequiredAsync(tenant.Id, started, CancellationToken.None)).Value.Start(now);
        await outbox.BeginAsync(WebhookEvents.RoomStarted(room), CancellationToken.None);
        await rooms.UpdateAsync(tenant.Id, started, r => r.Start(now), ifMatch: null, CancellationToken.None);
        var ghost = (await rooms.GetRequiredAsync(tenant.Id, neverStarted, CancellationToken.None)).Value.Start(now);
        await outbox.BeginAsync(WebhookEvents.RoomStarted(ghost), CancellationToken.None);

        // Deliberate, and the behaviour under test: the window in which a delivery before the relay would arrive (none may).
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(_receiver.Received);

        // The relay (a timer on any instance) finishes what the dead request left; the running app's dispatcher delivers.
        await fixture.AppServices.GetRequiredService<WebhookOutbox>().RelayAsync(CancellationToken.None);

        var delivered = await Eventually.MatchesAsync(() => Task.FromResult(_receiver.Deduplicated()), r => r.Count >= 1, "the relayed room.started");

        // Deliberate, and the behaviour under test: the window in which the ghost room's event would arrive too (it may not).
        await Task.Delay(TimeSpan.FromSeconds(2));
        var only = Assert.Single(_receiver.Deduplicated());
        Assert.Contains(started, only.Body, StringComparison.Ordinal);
        Assert.Equal(WebhookEvents.RoomStarted(room).Id, delivered[0].Id);
    }

    private ServiceProvider AzureConfigured() => fixture.CreateAppServices(
        fixture.SettingsWith(("Webhooks:AllowHttpTargets", "false"), ("Webhooks:AllowPrivateTargets", "false")));
}
