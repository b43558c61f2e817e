using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Economy;

/// <summary>
/// Coin wallets through DevHost: credits once per reference, gifts debited exactly once and never below zero (also under
/// concurrency), host earnings at the tenant's share, and statements that add up to the balances.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class WalletTests(DevHostFixture fixture)
{
    [Fact]
    public async Task ACredit_CountsOncePerReference_AndAnotherAmountOnAUsedReference_IsAConflict()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        var credit = new { amount = 250, reference = "stripe:pi_123" };

        var first = await scene.Tenant.Partner.PostAsync($"/api/users/{scene.ViewerId}/wallet/credits", credit);
        var again = await scene.Tenant.Partner.PostAsync($"/api/users/{scene.ViewerId}/wallet/credits", credit);
        var changed = await scene.Tenant.Partner.PostAsync($"/api/users/{scene.ViewerId}/wallet/credits", new { amount = 999, reference = "stripe:pi_123" });

        first.EnsureStatus(201);
        again.EnsureStatus(200);
        await changed.AssertProblemAsync(409);
        Assert.Equal(250, (await again.JsonAsync()).GetProperty("balance").GetInt64());
        var mine = await (await scene.Viewer.GetAsync("/api/me/wallet")).JsonAsync();
        Assert.Equal(250, mine.GetProperty("balance").GetInt64());
        Assert.Single(await scene.StatementAsync(scene.ViewerId));
    }

    [Fact]
    public async Task AGiftBeyondTheBalance_Is402WithTheBalance_AndNothingIsTakenPushedOrCounted()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        await scene.Tenant.CreditAsync(scene.ViewerId, 500);
        var watcherToken = await scene.Tenant.MintTokenAsync(scene.HostId);
        await using var watcher = await RealtimeClient.ConnectAsync(fixture.Host.BaseAddress, watcherToken);
        (await fixture.Admin.WithBearer(watcherToken).PostAsync($"/api/rooms/{scene.RoomId}/join", body: null)).EnsureStatus(200);

        var refused = await scene.GiftAsync(scene.Viewer, "castle");
        (await scene.Viewer.PostAsync($"/api/rooms/{scene.RoomId}/interactions", new { type = "like" })).EnsureStatus(202);

        var problem = await refused.AssertProblemAsync(402);
        Assert.Equal(500, problem.GetProperty("balance").GetInt64());
        Assert.Equal(1000, problem.GetProperty("required").GetInt64());
        var stats = await Eventually.MatchesAsync(scene.StatsAsync, s => s.GetProperty("likes").GetInt64() == 1);
        Assert.Equal(0, stats.GetProperty("giftCount").GetInt64());
        Assert.DoesNotContain(watcher.Of("roomStats"), s => s.GetProperty("giftCount").GetInt64() > 0);
        Assert.Equal(500, (await scene.WalletAsync(scene.ViewerId)).GetProperty("balance").GetInt64());
        Assert.Single(await scene.StatementAsync(scene.ViewerId));
    }

    [Fact]
    public async Task AGift_DebitsTheSender_CreditsTheHostsShare_AndBothStatementsAddUp()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        await scene.Tenant.CreditAsync(scene.ViewerId, 100, "payment-1");
        await scene.Tenant.CreditAsync(scene.ViewerId, 50, "payment-2");

        var sent = await (await scene.GiftAsync(scene.Viewer, "rose", count: 4)).JsonAsync();
        Assert.Equal(110, sent.GetProperty("balance").GetInt64());
        Assert.Equal("published", sent.GetProperty("delivery").GetString());
        (await fixture.Admin.PatchAsync($"/api/tenants/{scene.Tenant.Id}", new { revenueShare = 0.7m })).EnsureStatus(200);
        (await scene.GiftAsync(scene.Viewer, "rose", count: 10)).EnsureStatus(202);
        await (await scene.GiftAsync(scene.Viewer, "rose", count: 2)).AssertProblemAsync(402);

        var host = await Eventually.MatchesAsync(() => scene.WalletAsync(scene.HostId), w => w.GetProperty("earnings").GetDecimal() == 0.5m * 40 + 0.7m * 100);
        var viewer = await scene.WalletAsync(scene.ViewerId);
        Assert.Equal(10, viewer.GetProperty("balance").GetInt64());
        Assert.Equal(150, viewer.GetProperty("credited").GetInt64());
        Assert.Equal(140, viewer.GetProperty("spent").GetInt64());

        var sentLines = await scene.StatementAsync(scene.ViewerId);
        Assert.Equal(["giftSent", "giftSent", "credit", "credit"], sentLines.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(viewer.GetProperty("balance").GetInt64(), sentLines.Sum(e => e.GetProperty("coins").GetInt64()));
        Assert.Equal(["payment-2", "payment-1"], sentLines.Skip(2).Select(e => e.GetProperty("reference").GetString()));
        var receivedLines = await scene.StatementAsync(scene.HostId);
        Assert.All(receivedLines, e => Assert.Equal("giftReceived", e.GetProperty("kind").GetString()));
        Assert.All(receivedLines, e => Assert.Equal(scene.ViewerId, e.GetProperty("counterpartyUserId").GetString()));
        Assert.Equal(host.GetProperty("earnings").GetDecimal(), receivedLines.Sum(e => e.GetProperty("earnings").GetDecimal()));
        Assert.Equal(sentLines.Take(2).Select(e => e.GetProperty("reference").GetString()).Order(), receivedLines.Select(e => e.GetProperty("reference").GetString()).Order());
    }

    [Fact]
    public async Task ConcurrentGifts_NeverOverdraw_AndEveryAcceptedGiftIsCountedExactlyOnce()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        await scene.Tenant.CreditAsync(scene.ViewerId, 100);

        // 24 gifts of 10 coins race for a balance of 100 (with two retried with the same key): exactly ten can be paid.
        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => scene.GiftAsync(scene.Viewer, "rose", idempotencyKey: $"tap-{i % 22}")));

        var statuses = answers.Select(a => (int)a.StatusCode).ToArray();
        Assert.All(statuses, s => Assert.Contains(s, new[] { 202, 402 }));
        var acceptedIds = new HashSet<string>();
        foreach (var answer in answers.Where(a => (int)a.StatusCode == 202))
        {
            acceptedIds.Add((await answer.JsonAsync()).GetProperty("ids")[0].GetString()!);
        }

        Assert.Equal(10, acceptedIds.Count);
        var wallet = await scene.WalletAsync(scene.ViewerId);
        Assert.Equal(0, wallet.GetProperty("balance").GetInt64());
        Assert.Equal(100, wallet.GetProperty("spent").GetInt64());
        var stats = await Eventually.MatchesAsync(scene.StatsAsync, s => s.GetProperty("giftCount").GetInt64() >= 10);
        Assert.Equal(100m, stats.GetProperty("giftValue").GetDecimal());
        var host = await Eventually.MatchesAsync(() => scene.WalletAsync(scene.HostId), w => w.GetProperty("earnings").GetDecimal() >= 50m);
        Assert.Equal(50m, host.GetProperty("earnings").GetDecimal());
        Assert.Equal(10, (await scene.StatementAsync(scene.ViewerId)).Count(e => e.GetProperty("kind").GetString() == "giftSent"));
    }

    [Fact]
    public async Task AnotherTenantsUser_HasNoWallet_AndNothingCanBeCreditedToThem()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        var other = await fixture.NewTenantAsync();

        await (await other.Partner.PostAsync($"/api/users/{scene.ViewerId}/wallet/credits", new { amount = 5, reference = "r" })).AssertProblemAsync(404);
        await (await other.Partner.GetAsync($"/api/users/{scene.ViewerId}/wallet")).AssertProblemAsync(404);
        Assert.Equal(0, (await scene.WalletAsync(scene.ViewerId)).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task TheExport_HoldsTheWallet_AndErasureKeepsTheBooksButDropsThePerson()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        await scene.Tenant.CreditAsync(scene.ViewerId, 100, "order-7");
        (await scene.GiftAsync(scene.Viewer, "rose", count: 2)).EnsureStatus(202);
        await Eventually.MatchesAsync(() => scene.WalletAsync(scene.HostId), w => w.GetProperty("earnings").GetDecimal() == 10m);

        var export = await (await scene.Tenant.Partner.GetAsync($"/api/users/{scene.ViewerId}/export")).JsonAsync();
        Assert.Equal(80, export.GetProperty("wallet").GetProperty("balance").GetInt64());
        Assert.Equal(2, export.GetProperty("wallet").GetProperty("statement").GetArrayLength());

        await scene.Tenant.EraseUserAsync(scene.ViewerId);

        var hostLines = await scene.StatementAsync(scene.HostId);
        Assert.Equal("erased-user", Assert.Single(hostLines).GetProperty("counterpartyUserId").GetString());
        Assert.Equal(10m, (await scene.WalletAsync(scene.HostId)).GetProperty("earnings").GetDecimal());
        var stats = await scene.StatsAsync();
        Assert.Equal(("erased-user", 20m), (stats.GetProperty("topGifters")[0].GetProperty("userId").GetString(), stats.GetProperty("topGifters")[0].GetProperty("value").GetDecimal()));
        Assert.Equal(20m, stats.GetProperty("giftValue").GetDecimal());
        Assert.DoesNotContain(scene.ViewerId, stats.ToString(), StringComparison.Ordinal);
        await scene.Tenant.CreateUserAsync(scene.ViewerId);
        var reborn = await scene.WalletAsync(scene.ViewerId);
        Assert.Equal((0L, 0L), (reborn.GetProperty("balance").GetInt64(), reborn.GetProperty("credited").GetInt64()));
        Assert.Empty(await scene.StatementAsync(scene.ViewerId));
    }
}
