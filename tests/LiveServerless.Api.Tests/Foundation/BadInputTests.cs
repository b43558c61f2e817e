using LiveServerless.Api.Tests.Infrastructure;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>Bad input of every kind gets a 4xx problem document naming what is wrong — never a 5xx, never a stack trace.</summary>
[Collection(DevHostCollection.Name)]
public sealed class BadInputTests(DevHostFixture fixture)
{
    public static TheoryData<string> RoutesWithBodies => RouteCatalog.Where(r => r.ValidBody(new RouteIds("t", "k", "u", "r")) is not null);

    public static TheoryData<string, string, string> FieldCases => new()
    {
        { "POST /api/tenants", "{}", "name" },
        { "POST /api/tenants", """{"name":5}""", "name" },
        { "POST /api/tenants", $$"""{"name":"{{new string('n', 101)}}"}""", "name" },
        { "POST /api/tenants/{tenantId}/keys", "{}", "scopes" },
        { "POST /api/tenants/{tenantId}/keys", """{"scopes":"users"}""", "scopes" },
        { "POST /api/tenants/{tenantId}/keys", """{"scopes":["root"]}""", "scopes[0]" },
        { "PATCH /api/tenants/{tenantId}", """{"revenueShare":1.5}""", "revenueShare" },
        { "PATCH /api/tenants/{tenantId}", """{"revenueShare":0.12345}""", "revenueShare" },
        { "PATCH /api/tenants/{tenantId}", """{"revenueShare":null}""", "revenueShare" },
        { "PATCH /api/tenants/{tenantId}", """{"revenueShare":"half"}""", "revenueShare" },
        { "PUT /api/gifts/{giftId}", "{}", "name" },
        { "PUT /api/gifts/{giftId}", """{"name":"Rose"}""", "price" },
        { "PUT /api/gifts/{giftId}", """{"name":"Rose","price":0}""", "price" },
        { "PUT /api/gifts/{giftId}", """{"name":"Rose","price":1.5}""", "price" },
        { "PUT /api/gifts/{giftId}", """{"name":"Rose","price":5,"imageUrl":"ftp://cdn/rose.png"}""", "imageUrl" },
        { "POST /api/webhooks", "{}", "url" },
        { "POST /api/webhooks", "{}", "events" },
        { "POST /api/webhooks", """{"url":"https://example.com/h","events":[]}""", "events" },
        { "POST /api/webhooks", """{"url":"https://example.com/h","events":["room.exploded"]}""", "events[0]" },
        { "POST /api/webhooks", """{"url":"ftp://example.com/h","events":["room.started"]}""", "url" },
        { "POST /api/webhooks", """{"url":"https://example.com/h","events":"room.started"}""", "events" },
        { "POST /api/webhooks", """{"url":"https://example.com/h","events":["room.started"],"secret":"mine"}""", "secret" },
        { "PATCH /api/webhooks/{webhookId}", """{"enabled":null}""", "enabled" },
        { "PATCH /api/webhooks/{webhookId}", """{"url":"https://u:p@example.com/h"}""", "url" },
        { "PATCH /api/tenants/{tenantId}", """{"quotas":{"requestsPerMinutePerKey":0}}""", "quotas.requestsPerMinutePerKey" },
        { "PATCH /api/tenants/{tenantId}", """{"quotas":{"perHour":5}}""", "quotas" },
        { "POST /api/users/{userId}/wallet/credits", """{"reference":"pay-1"}""", "amount" },
        { "POST /api/users/{userId}/wallet/credits", """{"amount":-5,"reference":"pay-1"}""", "amount" },
        { "POST /api/users/{userId}/wallet/credits", """{"amount":2.5,"reference":"pay-1"}""", "amount" },
        { "POST /api/users/{userId}/wallet/credits", """{"amount":5}""", "reference" },
        { "POST /api/users/{userId}/wallet/credits", """{"amount":5,"reference":"   "}""", "reference" },
        { "POST /api/users", "{}", "displayName" },
        { "POST /api/users", """{"displayName":"   "}""", "displayName" },
        { "POST /api/users", """{"displayName":42}""", "displayName" },
        { "POST /api/users", """{"displayName":"x","displayName":"y"}""", "displayName" },
        { "POST /api/users", """{"displayName":"x","role":"viewer, host"}""", "role" },
        { "POST /api/users", $$"""{"displayName":"{{new string('x', 65)}}"}""", "displayName" },
        { "POST /api/users", """{"displayName":"x","role":"king"}""", "role" },
        { "POST /api/users", """{"displayName":"x","role":1}""", "role" },
        { "POST /api/users", """{"displayName":"x","id":"bad id"}""", "id" },
        { "POST /api/users", $$"""{"displayName":"x","id":"{{new string('a', 65)}}"}""", "id" },
        { "POST /api/users", """{"displayName":"x","tags":"music"}""", "tags" },
        { "POST /api/users", """{"displayName":"x","avatarUrl":"javascript:alert(1)"}""", "avatarUrl" },
        { "POST /api/users", """{"displayName":"x","createdAt":"2020-01-01T00:00:00Z"}""", "createdAt" },
        { "PATCH /api/users/{userId}", """{"displayName":null}""", "displayName" },
        { "PATCH /api/users/{userId}", """{"role":"king"}""", "role" },
        { "PATCH /api/users/{userId}", """{"id":"someone-else"}""", "id" },
        { "PATCH /api/users/{userId}", """{"tags":[1,2]}""", "tags" },
        { "POST /api/users/{userId}/tokens", """{"lifetimeMinutes":"5"}""", "lifetimeMinutes" },
        { "POST /api/users/{userId}/tokens", """{"lifetimeMinutes":0}""", "lifetimeMinutes" },
        { "POST /api/rooms", "{}", "title" },
        { "POST /api/rooms", """{"title":"t"}""", "hostUserId" },
        { "POST /api/rooms", """{"hostUserId":"bad id","title":"t"}""", "hostUserId" },
        { "POST /api/rooms", """{"hostUserId":"{userId}","title":"t","slowModeSeconds":-1}""", "slowModeSeconds" },
        { "POST /api/rooms", """{"hostUserId":"{userId}","title":"t","maxMessageLength":1.5}""", "maxMessageLength" },
        { "POST /api/rooms", """{"hostUserId":"{userId}","title":"t","followersOnly":"yes"}""", "followersOnly" },
        { "POST /api/rooms", """{"hostUserId":"{userId}","title":"t","bannedWords":[1]}""", "bannedWords[0]" },
        { "POST /api/rooms", """{"hostUserId":"{userId}","title":"t","status":"live"}""", "status" },
        { "POST /api/rooms", $$"""{"hostUserId":"{userId}","title":"{{new string('t', 141)}}"}""", "title" },
        { "PATCH /api/rooms/{roomId}", """{"status":"ended"}""", "status" },
        { "PATCH /api/rooms/{roomId}", """{"hostUserId":"someone"}""", "hostUserId" },
        { "PATCH /api/rooms/{roomId}", """{"slowModeSeconds":99999}""", "slowModeSeconds" },
        { "PATCH /api/rooms/{roomId}", """{"tags":null}""", "tags" },
        { "POST /api/rooms/{roomId}/messages", "{}", "text" },
        { "POST /api/rooms/{roomId}/messages", """{"text":5}""", "text" },
        { "POST /api/rooms/{roomId}/messages", """{"text":"   "}""", "text" },
        { "POST /api/rooms/{roomId}/messages", $$"""{"text":"{{new string('x', 501)}}"}""", "text" },
        { "POST /api/rooms/{roomId}/messages", """{"text":"hi","userId":"someone-else"}""", "userId" },
        { "POST /api/rooms/{roomId}/moderation", "{}", "action" },
        { "POST /api/rooms/{roomId}/moderation", """{"action":"explode"}""", "action" },
        { "POST /api/rooms/{roomId}/moderation", """{"action":"mute"}""", "userId" },
        { "POST /api/rooms/{roomId}/moderation", """{"action":"mute","userId":"{userId}","durationSeconds":0}""", "durationSeconds" },
        { "POST /api/rooms/{roomId}/moderation", """{"action":"ban","userId":"{userId}"}""", "userId" },
        { "POST /api/rooms/{roomId}/moderation", """{"action":"slowMode"}""", "slowModeSeconds" },
        { "POST /api/rooms/{roomId}/moderation", """{"action":"slowMode","slowModeSeconds":-5}""", "slowModeSeconds" },
        { "POST /api/rooms/{roomId}/moderation", """{"action":"pin"}""", "messageId" },
        { "POST /api/rooms/{roomId}/moderation", """{"action":"clear","userId":"x"}""", "userId" },
        { "POST /api/rooms/{roomId}/interactions", "{}", "type" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"dance"}""", "type" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"chat"}""", "type" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"like","count":0}""", "count" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"like","count":"5"}""", "count" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"like","count":1001}""", "count" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"gift"}""", "giftId" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"gift","giftId":"no-such-gift"}""", "giftId" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"gift","giftId":"rose","value":9999}""", "value" },
        { "POST /api/rooms/{roomId}/interactions", """{"events":[{"type":"like"},{"type":"gift","giftId":"rose"}]}""", "events" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"gift","giftId":"rose","value":-1}""", "value" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"gift","giftId":"rose","value":1.234}""", "value" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"gift","giftId":"rose","value":"cheap"}""", "value" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"watch"}""", "type" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"watch","seconds":60}""", "type" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"share","seconds":5}""", "seconds" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"follow"}""", "type" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"ad_click"}""", "impressionToken" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"ad_click","impressionToken":"forged"}""", "impressionToken" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"like","idempotencyKey":"not valid!"}""", "idempotencyKey" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"like","userId":"someone-else"}""", "userId" },
        { "POST /api/rooms/{roomId}/interactions", """{"events":[]}""", "events" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"like","events":[{"type":"like"}]}""", "events" },
        { "POST /api/rooms/{roomId}/interactions", """{"events":[{"type":"like"},{"type":"gift"}]}""", "events[1].giftId" },
        { "POST /api/rooms/{roomId}/interactions", """{"events":[{"count":1}]}""", "events[0].type" },
        { "POST /api/rooms/{roomId}/interactions", "{\"events\":[" + string.Join(",", Enumerable.Repeat("{\"type\":\"share\"}", 501)) + "]}", "events" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"ad_impression","impressionToken":"v1.AAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", "impressionToken" },
        { "POST /api/rooms/{roomId}/interactions", """{"events":[{"type":"like"},{"type":"ad_click","impressionToken":"forged"}]}""", "events[1].impressionToken" },
        { "POST /api/rooms/{roomId}/interactions", """{"type":"like","impressionToken":"x"}""", "impressionToken" },
        { "POST /api/campaigns", "{}", "name" },
        { "POST /api/campaigns", "{}", "bidType" },
        { "POST /api/campaigns", "{}", "creative" },
        { "POST /api/campaigns", Campaign("\"name\":5"), "name" },
        { "POST /api/campaigns", Campaign($$"""
            "name":"{{new string('n', 101)}}"
            """), "name" },
        { "POST /api/campaigns", Campaign("\"bidType\":\"cpa\""), "bidType" },
        { "POST /api/campaigns", Campaign("\"bidType\":1"), "bidType" },
        { "POST /api/campaigns", Campaign("\"bid\":-1"), "bid" },
        { "POST /api/campaigns", Campaign("\"bid\":0"), "bid" },
        { "POST /api/campaigns", Campaign("\"bid\":\"2\""), "bid" },
        { "POST /api/campaigns", Campaign("\"bid\":0.00001"), "bid" },
        { "POST /api/campaigns", Campaign("\"bidType\":\"cpc\",\"bid\":500"), "bid" },
        { "POST /api/campaigns", Campaign("\"totalBudget\":-10"), "totalBudget" },
        { "POST /api/campaigns", Campaign("\"totalBudget\":true"), "totalBudget" },
        { "POST /api/campaigns", Campaign("\"dailyBudget\":-1"), "dailyBudget" },
        { "POST /api/campaigns", Campaign("\"dailyBudget\":101"), "dailyBudget" },
        { "POST /api/campaigns", Campaign("\"startsAt\":\"tomorrow\""), "startsAt" },
        { "POST /api/campaigns", Campaign("\"endsAt\":\"2030-01-01T00:00:00Z\""), "endsAt" },
        { "POST /api/campaigns", Campaign("\"startsAt\":\"2019-01-01T00:00:00Z\",\"endsAt\":\"2020-01-01T00:00:00Z\""), "endsAt" },
        { "POST /api/campaigns", Campaign("\"endsAt\":\"2032-01-01T00:00:00Z\""), "endsAt" },
        { "POST /api/campaigns", Campaign("\"frequencyCapPerDay\":0"), "frequencyCapPerDay" },
        { "POST /api/campaigns", Campaign("\"frequencyCapPerDay\":1.5"), "frequencyCapPerDay" },
        { "POST /api/campaigns", Campaign("\"targeting\":{\"tags\":\"music\"}"), "targeting.tags" },
        { "POST /api/campaigns", Campaign("\"targeting\":{\"tags\":[\"   \"]}"), "targeting.tags" },
        { "POST /api/campaigns", Campaign("\"targeting\":{\"regions\":[\"eu\"]}"), "targeting.regions" },
        { "POST /api/campaigns", Campaign("\"creative\":{\"title\":\"t\",\"imageUrl\":\"javascript:alert(1)\",\"clickUrl\":\"https://x.example\"}"), "creative.imageUrl" },
        { "POST /api/campaigns", Campaign("\"creative\":{\"title\":\"t\",\"imageUrl\":\"https://x.example/a.png\",\"clickUrl\":\"ftp://x.example\"}"), "creative.clickUrl" },
        { "POST /api/campaigns", Campaign("\"creative\":{\"title\":\"t\",\"imageUrl\":\"https://x.example/a.png\"}"), "creative.clickUrl" },
        { "POST /api/campaigns", Campaign("\"creative\":{\"title\":\"\",\"imageUrl\":\"https://x.example/a.png\",\"clickUrl\":\"https://x.example\"}"), "creative.title" },
        { "POST /api/campaigns", Campaign("\"id\":\"my-campaign\""), "id" },
        { "POST /api/campaigns", Campaign("\"spend\":0"), "spend" },
        { "POST /api/campaigns", Campaign("\"status\":\"active\""), "status" },
        { "POST /api/campaigns", Campaign("\"impressions\":1000"), "impressions" },
        { "POST /api/campaigns", Campaign("\"remainingBudget\":1000000"), "remainingBudget" },
        { "POST /api/campaigns", Campaign("\"tenantId\":\"another-tenant\""), "tenantId" },
        { "POST /api/campaigns", Campaign("\"createdAt\":\"2020-01-01T00:00:00Z\""), "createdAt" },
        { "PATCH /api/campaigns/{campaignId}", """{"spend":0}""", "spend" },
        { "PATCH /api/campaigns/{campaignId}", """{"status":"active"}""", "status" },
        { "PATCH /api/campaigns/{campaignId}", """{"impressions":0,"clicks":0}""", "impressions" },
        { "PATCH /api/campaigns/{campaignId}", """{"bidType":"cpc"}""", "bidType" },
        { "PATCH /api/campaigns/{campaignId}", """{"id":"another"}""", "id" },
        { "PATCH /api/campaigns/{campaignId}", """{"name":null}""", "name" },
        { "PATCH /api/campaigns/{campaignId}", """{"bid":-2}""", "bid" },
        { "PATCH /api/campaigns/{campaignId}", """{"bid":"2"}""", "bid" },
        { "PATCH /api/campaigns/{campaignId}", """{"totalBudget":0}""", "totalBudget" },
        { "PATCH /api/campaigns/{campaignId}", """{"dailyBudget":1000}""", "dailyBudget" },
        { "PATCH /api/campaigns/{campaignId}", """{"endsAt":"2020-01-01T00:00:00Z"}""", "endsAt" },
        { "PATCH /api/campaigns/{campaignId}", """{"frequencyCapPerDay":-1}""", "frequencyCapPerDay" },
        { "PATCH /api/campaigns/{campaignId}", """{"creative":{"clickUrl":"not a url"}}""", "creative.clickUrl" },
        { "PATCH /api/campaigns/{campaignId}", """{"creative":null}""", "creative" },
        { "PATCH /api/campaigns/{campaignId}", """{"targeting":{"tags":[1]}}""", "targeting" },
    };

    /// <summary>A valid campaign body (a flight in 2030) with <paramref name="fields"/> added or replacing the defaults.</summary>
    private static string Campaign(string fields)
    {
        var defaults = new Dictionary<string, string>
        {
            ["name"] = "\"Sale\"",
            ["bidType"] = "\"cpm\"",
            ["bid"] = "2",
            ["totalBudget"] = "100",
            ["startsAt"] = "\"2030-01-01T00:00:00Z\"",
            ["endsAt"] = "\"2030-01-31T00:00:00Z\"",
            ["frequencyCapPerDay"] = "3",
            ["creative"] = "{\"title\":\"Buy\",\"imageUrl\":\"https://cdn.example.com/a.png\",\"clickUrl\":\"https://shop.example.com\"}",
        };
        var given = System.Text.Json.JsonDocument.Parse("{" + fields.Trim() + "}").RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        foreach (var (name, value) in given)
        {
            defaults[name] = value;
        }

        return "{" + string.Join(",", defaults.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
    }

    [Theory]
    [MemberData(nameof(FieldCases))]
    public async Task InvalidField_Is400_NamingTheField(string name, string body, string field)
    {
        var (route, ids, api) = await ArrangeAsync(name);

        var response = await api.SendAsync(new HttpMethod(route.Method), route.Path(ids), new RawBody(body.Replace("{userId}", ids.UserId, StringComparison.Ordinal)));

        await response.AssertFieldErrorAsync(field);
    }

    [Theory]
    [MemberData(nameof(RoutesWithBodies))]
    public async Task MalformedJson_Is400(string name)
    {
        var (route, ids, api) = await ArrangeAsync(name);

        foreach (var body in new[] { "{\"a\":", "not json", "{\"a\":1} trailing", "{'single':'quotes'}", "{\"a\":1,}" })
        {
            var response = await api.SendAsync(new HttpMethod(route.Method), route.Path(ids), new RawBody(body));
            await response.AssertProblemAsync(400);
        }
    }

    [Theory]
    [MemberData(nameof(RoutesWithBodies))]
    public async Task NonObjectBodies_Are400(string name)
    {
        var (route, ids, api) = await ArrangeAsync(name);

        foreach (var body in new[] { "null", "[]", "42", "\"text\"" })
        {
            var response = await api.SendAsync(new HttpMethod(route.Method), route.Path(ids), new RawBody(body));
            await response.AssertProblemAsync(400);
        }
    }

    [Theory]
    [MemberData(nameof(RoutesWithBodies))]
    public async Task UnknownField_Is400(string name)
    {
        var (route, ids, api) = await ArrangeAsync(name);

        var response = await api.SendAsync(new HttpMethod(route.Method), route.Path(ids), new RawBody("""{"noSuchField":true}"""));

        await response.AssertFieldErrorAsync("noSuchField");
    }

    [Theory]
    [MemberData(nameof(RoutesWithBodies))]
    public async Task OversizedBody_Is413(string name)
    {
        var (route, ids, api) = await ArrangeAsync(name);

        var response = await api.SendAsync(new HttpMethod(route.Method), route.Path(ids), new RawBody($$"""{"name":"{{new string('x', 300_000)}}"}"""));

        await response.AssertProblemAsync(413);
    }

    [Theory]
    [MemberData(nameof(RoutesWithBodies))]
    public async Task NonJsonContentType_Is415(string name)
    {
        var (route, ids, api) = await ArrangeAsync(name);

        var response = await api.SendAsync(new HttpMethod(route.Method), route.Path(ids), new RawBody("name=x", "application/x-www-form-urlencoded"));

        await response.AssertProblemAsync(415);
    }

    [Theory]
    [InlineData("GET", "/api/users/bad%20id", "userId")]
    [InlineData("GET", "/api/users/bad.id", "userId")]
    [InlineData("DELETE", "/api/users/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "userId")]
    [InlineData("GET", "/api/rooms/%C3%A9", "roomId")]
    [InlineData("POST", "/api/rooms/bad!id/start", "roomId")]
    [InlineData("GET", "/api/users?limit=0", "limit")]
    [InlineData("GET", "/api/users?limit=abc", "limit")]
    [InlineData("GET", "/api/users?limit=101", "limit")]
    [InlineData("GET", "/api/users?continuationToken=%25%25%25", "continuationToken")]
    [InlineData("GET", "/api/rooms?status=paused", "status")]
    [InlineData("GET", "/api/rooms?status=1", "status")]
    [InlineData("GET", "/api/rooms/r1/messages?after=not-a-message-id", "after")]
    [InlineData("GET", "/api/rooms/r1/messages?limit=1000", "limit")]
    [InlineData("DELETE", "/api/rooms/r1/messages/bad%20id", "messageId")]
    [InlineData("GET", "/api/campaigns/bad%20id", "campaignId")]
    [InlineData("PATCH", "/api/campaigns/bad!id", "campaignId")]
    [InlineData("POST", "/api/campaigns/bad.id/pause", "campaignId")]
    [InlineData("GET", "/api/campaigns/%C3%A9/report", "campaignId")]
    [InlineData("GET", "/api/campaigns?limit=0", "limit")]
    [InlineData("GET", "/api/campaigns?continuationToken=%25%25%25", "continuationToken")]
    public async Task BadIdsAndQueryValues_Are400(string method, string path, string field)
    {
        var tenant = await fixture.NewTenantAsync();
        var host = await tenant.CreateUserAsync(role: "host");
        await tenant.CreateRoomAsync(host, id: "r1");

        var response = await tenant.Partner.SendAsync(new HttpMethod(method), path);

        await response.AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task UnknownRoute_And_WrongMethod_AreProblemDocuments()
    {
        await (await fixture.Admin.GetAsync("/api/no-such-route")).AssertProblemAsync(404);
        await (await fixture.Admin.SendAsync(HttpMethod.Put, "/api/users")).AssertProblemAsync(405);
    }

    private async Task<(RouteCase Route, RouteIds Ids, ApiClient Api)> ArrangeAsync(string name)
    {
        var route = RouteCatalog.Find(name);
        var arrangement = await Arrangement.CreateAsync(fixture);
        return (route, arrangement.Ids, arrangement.ClientFor(route, fixture));
    }
}
