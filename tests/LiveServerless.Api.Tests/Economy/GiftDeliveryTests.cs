using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Api.Tests.Stream;
using LiveServerless.DevHost.Local;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Economy;

namespace LiveServerless.Api.Tests.Economy;

/// <summary>
/// A debited gift always reaches the stream, and only a debited one: when Event Hubs is down at the moment of the gift, or the app
/// stops between the debit and the publish, the gift outbox relay delivers it later, exactly once; an outbox entry whose debit never
/// happened is dropped.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class GiftDeliveryTests(DevHostFixture fixture)
{
    [Fact]
    public async Task AGiftPaidWhileEventHubsIsDown_IsQueued_AndTheRelayDeliversItExactlyOnce()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        await scene.Tenant.CreditAsync(scene.ViewerId, 100);
        var closed = $"Endpoint=sb://localhost:{Ports.FindFree()};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";
        await using (var cutOff = await fixture.StartDevHostAsync(fixture.SettingsWith(("EventHubs:ConnectionString", closed), ("Logging:LogLevel:Default", "None"))))
        {
            using var http = new HttpClient { BaseAddress = cutOff.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
            var viewer = new ApiClient(http, bearerToken: await scene.Tenant.MintTokenAsync(scene.ViewerId));

            var answer = await (await viewer.PostAsync($"/api/rooms/{scene.RoomId}/interactions", new { type = "gift", giftId = "rose", count = 2 })).JsonAsync();

            Assert.Equal("queued", answer.GetProperty("delivery").GetString());
            Assert.Equal(80, answer.GetProperty("balance").GetInt64());
        }

        await using var later = new ProcessorHarness(fixture, DevHostFixture.InteractionsHub, "tests", clock: new ShiftedClock(GiftPayments.RelayAfter + TimeSpan.FromMinutes(1)));
        var relayed = await later.Get<GiftPayments>().RelayAsync(CancellationToken.None);
        var again = await later.Get<GiftPayments>().RelayAsync(CancellationToken.None);

        Assert.True(relayed >= 1);
        Assert.Equal(0, again);
        var stats = await Eventually.MatchesAsync(scene.StatsAsync, s => s.GetProperty("giftCount").GetInt64() == 2);
        Assert.Equal(20m, stats.GetProperty("giftValue").GetDecimal());
        await Eventually.MatchesAsync(() => scene.WalletAsync(scene.HostId), w => w.GetProperty("earnings").GetDecimal() == 10m);
        Assert.Equal(80, (await scene.WalletAsync(scene.ViewerId)).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task AnOutboxEntry_IsPublishedOnlyIfItsGiftWasDebited()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        await scene.Tenant.CreditAsync(scene.ViewerId, 100);
        await using var app = new ProcessorHarness(fixture, DevHostFixture.InteractionsHub, "tests");
        var paid = Gift(scene, "paid-gift");
        var unpaid = Gift(scene, "unpaid-gift");

        // The app stopped right after the debit of one gift, and right before the debit of the other.
        await app.Get<GiftOutbox>().AddAsync([paid, unpaid], DateTimeOffset.UtcNow, CancellationToken.None);
        await app.Get<WalletStore>().DebitAsync(scene.Tenant.Id, scene.ViewerId, [paid], DateTimeOffset.UtcNow, CancellationToken.None);
        await using var later = new ProcessorHarness(fixture, DevHostFixture.InteractionsHub, "tests", clock: new ShiftedClock(GiftPayments.RelayAfter + TimeSpan.FromMinutes(1)));
        await later.Get<GiftPayments>().RelayAsync(CancellationToken.None);

        var stats = await Eventually.MatchesAsync(scene.StatsAsync, s => s.GetProperty("giftCount").GetInt64() >= 1);
        await Eventually.MatchesAsync(() => scene.WalletAsync(scene.HostId), w => w.GetProperty("earnings").GetDecimal() == 5m);
        Assert.Equal(10m, stats.GetProperty("giftValue").GetDecimal());
        Assert.Equal(90, (await scene.WalletAsync(scene.ViewerId)).GetProperty("balance").GetInt64());
    }

    private static Interaction Gift(EconomyScene scene, string id) => new()
    {
        Id = id + Guid.NewGuid().ToString("N")[..8],
        TenantId = scene.Tenant.Id,
        UserId = scene.ViewerId,
        RoomId = scene.RoomId,
        HostUserId = scene.HostId,
        Type = InteractionType.Gift,
        OccurredAt = DateTimeOffset.UtcNow,
        GiftId = "rose",
        UnitValue = 10,
        HostShare = 0.5m,
        HasClientKey = true,
    };
}
