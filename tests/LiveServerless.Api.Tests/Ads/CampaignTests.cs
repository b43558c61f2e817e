using System.Text.Json;
using LiveServerless.Api.Tests.Infrastructure;
using static LiveServerless.Api.Tests.Ads.AdClient;

namespace LiveServerless.Api.Tests.Ads;

/// <summary>Campaign management through DevHost: create, read, list, merge-patch with ETags, pause and resume, read-only delivery.</summary>
[Collection(DevHostCollection.Name)]
public sealed class CampaignTests(DevHostFixture fixture)
{
    [Fact]
    public async Task Create_Returns201_WithEveryField_AndReadsBackTheSame()
    {
        var tenant = await fixture.NewTenantAsync("ads");
        var startsAt = new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero);
        var body = CampaignBodies.Valid(bidType: "cpc", bid: 0.35m, totalBudget: 250m, dailyBudget: 40m, startsAt: startsAt, tags: ["Jazz", "jazz", "blues"], categories: ["music"], frequencyCapPerDay: 3);

        var created = await tenant.Partner.PostAsync("/api/campaigns", body);

        created.EnsureStatus(201);
        var campaign = await created.JsonAsync();
        var id = campaign.GetProperty("id").GetString()!;
        Assert.Equal($"/api/campaigns/{id}", created.Headers.Location?.ToString());
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal("Spring sale", campaign.GetProperty("name").GetString());
        Assert.Equal("cpc", campaign.GetProperty("bidType").GetString());
        Assert.Equal(0.35m, campaign.GetProperty("bid").GetDecimal());
        Assert.Equal(250m, campaign.GetProperty("totalBudget").GetDecimal());
        Assert.Equal(40m, campaign.GetProperty("dailyBudget").GetDecimal());
        Assert.Equal(startsAt, campaign.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(startsAt.AddDays(7), campaign.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal(new[] { "jazz", "blues" }, campaign.GetProperty("targeting").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(campaign.GetProperty("targeting").GetProperty("segments").EnumerateArray());
        Assert.Equal("music", campaign.GetProperty("targeting").GetProperty("categories")[0].GetString());
        Assert.Equal(3, campaign.GetProperty("frequencyCapPerDay").GetInt32());
        Assert.Equal("https://cdn.example.com/ad.png", campaign.GetProperty("creative").GetProperty("imageUrl").GetString());
        Assert.Equal("active", campaign.GetProperty("status").GetString());
        Assert.Equal(0m, campaign.GetProperty("spend").GetDecimal());
        Assert.Equal(250m, campaign.GetProperty("remainingBudget").GetDecimal());
        Assert.Equal(0, campaign.GetProperty("impressions").GetInt64());
        Assert.Equal(0, campaign.GetProperty("clicks").GetInt64());
        Assert.Equal(campaign.GetProperty("createdAt").GetDateTimeOffset(), campaign.GetProperty("updatedAt").GetDateTimeOffset());

        var read = await tenant.Partner.GetAsync($"/api/campaigns/{id}");
        read.EnsureStatus(200);
        Assert.Equal(campaign.ToString(), (await read.JsonAsync()).ToString());
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);
    }

    [Fact]
    public async Task List_PagesThroughTheTenantsCampaigns_Only()
    {
        var tenant = await fixture.NewTenantAsync("ads");
        var other = await fixture.NewTenantAsync("ads");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateCampaignAsync(tenant, CampaignBodies.Valid(name: $"Campaign {i}")));
        }

        await CreateCampaignAsync(other, CampaignBodies.Valid());

        var first = await (await tenant.Partner.GetAsync("/api/campaigns?limit=2")).JsonAsync();
        var token = first.GetProperty("continuationToken").GetString();
        var second = await (await tenant.Partner.GetAsync($"/api/campaigns?limit=2&continuationToken={Uri.EscapeDataString(token!)}")).JsonAsync();

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continuationToken").ValueKind);
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(c => c.GetProperty("id").GetString());
        Assert.Equal(ids.Order(), listed.Order());
        var foreign = await (await other.Partner.GetAsync("/api/campaigns")).JsonAsync();
        Assert.DoesNotContain(foreign.GetProperty("items").EnumerateArray(), c => ids.Contains(c.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Patch_MergesFieldsAndNestedObjects_AndHonoursIfMatch()
    {
        var tenant = await fixture.NewTenantAsync("ads");
        var created = await tenant.Partner.PostAsync("/api/campaigns", CampaignBodies.Valid(dailyBudget: 10m, tags: ["jazz"], segments: ["new"]));
        var id = (await created.JsonAsync()).GetProperty("id").GetString()!;
        var staleETag = created.Headers.ETag!.ToString();

        var patched = await tenant.Partner.PatchAsync(
            $"/api/campaigns/{id}",
            new { name = "Summer sale", dailyBudget = (decimal?)null, targeting = new { tags = new[] { "rock" } }, creative = new { title = "Shop now" } },
            ifMatch: staleETag);

        patched.EnsureStatus(200);
        var campaign = await patched.JsonAsync();
        Assert.Equal("Summer sale", campaign.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, campaign.GetProperty("dailyBudget").ValueKind);
        Assert.Equal("rock", campaign.GetProperty("targeting").GetProperty("tags")[0].GetString());
        Assert.Equal("new", campaign.GetProperty("targeting").GetProperty("segments")[0].GetString());
        Assert.Equal("Shop now", campaign.GetProperty("creative").GetProperty("title").GetString());
        Assert.Equal("https://shop.example.com/sale", campaign.GetProperty("creative").GetProperty("clickUrl").GetString());
        Assert.Equal(100m, campaign.GetProperty("totalBudget").GetDecimal());
        Assert.True(campaign.GetProperty("updatedAt").GetDateTimeOffset() > campaign.GetProperty("createdAt").GetDateTimeOffset());
        Assert.NotEqual(staleETag, patched.Headers.ETag!.ToString());

        await (await tenant.Partner.PatchAsync($"/api/campaigns/{id}", new { name = "Lost update" }, ifMatch: staleETag)).AssertProblemAsync(412);
        (await tenant.Partner.PatchAsync($"/api/campaigns/{id}", new { totalBudget = 500m }, ifMatch: patched.Headers.ETag!.ToString())).EnsureStatus(200);
        var read = await (await tenant.Partner.GetAsync($"/api/campaigns/{id}")).JsonAsync();
        Assert.Equal("Summer sale", read.GetProperty("name").GetString());
        Assert.Equal(500m, read.GetProperty("totalBudget").GetDecimal());
        Assert.Equal(500m, read.GetProperty("remainingBudget").GetDecimal());
    }

    [Fact]
    public async Task PauseAndResume_MoveTheStatus_AndRepeatingOneIsAConflict()
    {
        var tenant = await fixture.NewTenantAsync("ads");
        var id = await CreateCampaignAsync(tenant, CampaignBodies.Valid());

        var paused = await (await tenant.Partner.PostAsync($"/api/campaigns/{id}/pause", body: null)).JsonAsync();
        await (await tenant.Partner.PostAsync($"/api/campaigns/{id}/pause", body: null)).AssertProblemAsync(409);
        var resumed = await (await tenant.Partner.PostAsync($"/api/campaigns/{id}/resume", body: null)).JsonAsync();
        await (await tenant.Partner.PostAsync($"/api/campaigns/{id}/resume", body: null)).AssertProblemAsync(409);

        Assert.Equal("paused", paused.GetProperty("status").GetString());
        Assert.Equal("active", resumed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadOnlyFields_CannotBeAssigned_AndNothingIsCreatedOrChanged()
    {
        var tenant = await fixture.NewTenantAsync("ads");
        var id = await CreateCampaignAsync(tenant, CampaignBodies.Valid());
        var before = (await (await tenant.Partner.GetAsync($"/api/campaigns/{id}")).JsonAsync()).ToString();

        foreach (var (field, value) in new (string, object)[] { ("spend", 0m), ("status", "active"), ("impressions", 5), ("id", "mine"), ("tenantId", "other") })
        {
            var body = CampaignBodies.Valid();
            body[field] = value;
            await (await tenant.Partner.PostAsync("/api/campaigns", body)).AssertFieldErrorAsync(field);
            await (await tenant.Partner.PatchAsync($"/api/campaigns/{id}", new Dictionary<string, object> { [field] = value })).AssertFieldErrorAsync(field);
        }

        Assert.Equal(before, (await (await tenant.Partner.GetAsync($"/api/campaigns/{id}")).JsonAsync()).ToString());
        Assert.Single((await (await tenant.Partner.GetAsync("/api/campaigns")).JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task TheReport_OfANewCampaign_HasNothingDeliveredYet()
    {
        var tenant = await fixture.NewTenantAsync("ads");
        var id = await CreateCampaignAsync(tenant, CampaignBodies.Serving(totalBudget: 40m));

        var report = await (await tenant.Partner.GetAsync($"/api/campaigns/{id}/report")).JsonAsync();

        Assert.Equal(id, report.GetProperty("campaignId").GetString());
        Assert.Equal(0, report.GetProperty("impressions").GetInt64());
        Assert.Equal(0, report.GetProperty("clicks").GetInt64());
        Assert.Equal(0, report.GetProperty("ctr").GetDouble());
        Assert.Equal(0m, report.GetProperty("spend").GetDecimal());
        Assert.Equal(40m, report.GetProperty("remainingBudget").GetDecimal());
        var slot = Assert.Single(report.GetProperty("pacing").EnumerateArray(), p => p.GetProperty("slotStart").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-15));
        Assert.True(slot.GetProperty("plannedSpend").GetDecimal() > 0);
        Assert.Equal(0m, slot.GetProperty("actualSpend").GetDecimal());
    }
}
