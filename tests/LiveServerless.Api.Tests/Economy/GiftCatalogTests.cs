using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Economy;

/// <summary>The tenant's gift catalog: partners define it (scope economy), clients read it, and it alone prices a gift.</summary>
[Collection(DevHostCollection.Name)]
public sealed class GiftCatalogTests(DevHostFixture fixture)
{
    [Fact]
    public async Task APartnerDefinesGifts_AndAViewerReadsThemForTheGiftPicker()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        var partner = scene.Tenant.Partner;

        var created = await partner.SendAsync(HttpMethod.Put, "/api/gifts/heart", new { name = "Heart", price = 3, imageUrl = "https://cdn.example/heart.png" });
        created.EnsureStatus(201);
        Assert.Equal("/api/gifts/heart", created.Headers.Location?.OriginalString);
        var replaced = await partner.SendAsync(HttpMethod.Put, "/api/gifts/heart", new { name = "Big heart", price = 4, active = false });
        replaced.EnsureStatus(200);
        var stale = await partner.SendAsync(HttpMethod.Put, "/api/gifts/heart", new { name = "Heart", price = 3 }, ifMatch: created.Headers.ETag!.Tag);
        await stale.AssertProblemAsync(412);

        var list = await (await scene.Viewer.GetAsync("/api/gifts")).JsonAsync();
        var heart = list.GetProperty("items").EnumerateArray().Single(g => g.GetProperty("id").GetString() == "heart");
        Assert.Equal(4, heart.GetProperty("price").GetInt64());
        Assert.False(heart.GetProperty("active").GetBoolean());
        Assert.Equal(3, list.GetProperty("items").GetArrayLength());
        Assert.Equal(10, (await (await scene.Viewer.GetAsync("/api/gifts/rose")).JsonAsync()).GetProperty("price").GetInt64());

        (await partner.DeleteAsync("/api/gifts/heart")).EnsureStatus(204);
        await (await partner.GetAsync("/api/gifts/heart")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task AGiftsWorth_ComesFromTheCatalog_AndAClientsValueIsRefusedByName()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        await scene.Tenant.CreditAsync(scene.ViewerId, 100);

        var forged = await scene.Viewer.PostAsync($"/api/rooms/{scene.RoomId}/interactions", new { type = "gift", giftId = "rose", count = 1, value = 9999 });
        await forged.AssertFieldErrorAsync("value");
        (await scene.GiftAsync(scene.Viewer, "rose", count: 3)).EnsureStatus(202);

        var stats = await Eventually.MatchesAsync(scene.StatsAsync, s => s.GetProperty("giftCount").GetInt64() == 3);
        Assert.Equal(30m, stats.GetProperty("giftValue").GetDecimal());
        Assert.Equal(30m, stats.GetProperty("topGifters")[0].GetProperty("value").GetDecimal());
        Assert.Equal(70, (await scene.WalletAsync(scene.ViewerId)).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task UnknownOrInactiveGifts_AreRefused_AndCostNothing()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        await scene.Tenant.CreditAsync(scene.ViewerId, 100);
        await scene.Tenant.DefineGiftAsync("retired", price: 1, active: false);

        await (await scene.GiftAsync(scene.Viewer, "unicorn")).AssertFieldErrorAsync("giftId");
        await (await scene.GiftAsync(scene.Viewer, "retired")).AssertFieldErrorAsync("giftId");

        Assert.Equal(100, (await scene.WalletAsync(scene.ViewerId)).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task AHost_CannotGiftInTheirOwnRoom_AndGiftsTravelAlone()
    {
        var scene = await EconomyScene.CreateAsync(fixture);
        await scene.Tenant.CreditAsync(scene.HostId, 100);
        await scene.Tenant.CreditAsync(scene.ViewerId, 100);
        var host = await scene.Tenant.AsUserAsync(scene.HostId);

        await (await scene.GiftAsync(host, "rose")).AssertFieldErrorAsync("type");
        var mixed = await scene.Viewer.PostAsync($"/api/rooms/{scene.RoomId}/interactions", new { events = new object[] { new { type = "like" }, new { type = "gift", giftId = "rose" } } });
        await mixed.AssertFieldErrorAsync("events");

        Assert.Equal(100, (await scene.WalletAsync(scene.HostId)).GetProperty("balance").GetInt64());
        Assert.Equal(100, (await scene.WalletAsync(scene.ViewerId)).GetProperty("balance").GetInt64());
    }
}
