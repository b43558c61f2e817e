using System.Net;
using System.Text.Json;
using LiveServerless.DevHost.Web;

namespace LiveServerless.DevHost.Demo;

/// <summary>
/// Development-only routes served by DevHost itself, never functions of the function app (so they cannot exist in the Azure
/// build): the demo tenant's people and live rooms, a user token for a seeded user, and the demo tenant's partner key. They
/// answer 404 while no demo tenant is seeded.
/// </summary>
public static class DevRoutes
{
    public sealed record TokenRequest(string? UserId);

    public static void MapDevRoutes(this IEndpointRouteBuilder app, DemoSession demo)
    {
        var routes = app.MapGroup("/dev");
        routes.MapGet("/demo", (CancellationToken cancellationToken) => WithTenant(demo, (tenant, api) => DescribeAsync(tenant, api, cancellationToken)));
        routes.MapPost("/token", (TokenRequest request, CancellationToken cancellationToken) => WithTenant(demo, (tenant, api) => MintTokenAsync(tenant, api, request.UserId, cancellationToken)));
        routes.MapPost("/partner-key", () => WithTenant(demo, (tenant, _) => Task.FromResult(DevResults.Ok(new { tenantId = tenant.TenantId, apiKey = tenant.ApiKey }))));
    }

    private static Task<IResult> WithTenant(DemoSession demo, Func<DemoTenant, DemoApi, Task<IResult>> answer) =>
        demo.Tenant is { } tenant && demo.Api is { } api
            ? answer(tenant, api)
            : Task.FromResult(DevResults.Problem(StatusCodes.Status404NotFound, "not-found", "No demo tenant.", "DevHost seeds the demo tenant when started from the command line (dotnet run --project functions/LiveServerless.DevHost)."));

    /// <summary>The seeded people, and the demo tenant's rooms that are live right now (the API's own list, so ended rooms drop out).</summary>
    private static async Task<IResult> DescribeAsync(DemoTenant tenant, DemoApi api, CancellationToken cancellationToken)
    {
        var live = await api.EnsureAsync(HttpMethod.Get, "/api/rooms?status=live&limit=100", tenant.ApiKey, null, cancellationToken);
        var rooms = live.Body!.Value.GetProperty("items").EnumerateArray().Select(room => new
        {
            roomId = room.GetProperty("id").GetString(),
            title = room.GetProperty("title").GetString(),
            hostUserId = room.GetProperty("hostUserId").GetString(),
            tags = room.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray(),
        });
        return DevResults.Ok(new
        {
            tenantId = tenant.TenantId,
            users = DemoData.Users.Select(u => new { userId = u.UserId, displayName = u.DisplayName, role = u.Role }),
            rooms,
        });
    }

    /// <summary>A real user token, minted the way a partner's backend mints one (POST /api/users/{id}/tokens with its key).</summary>
    private static async Task<IResult> MintTokenAsync(DemoTenant tenant, DemoApi api, string? userId, CancellationToken cancellationToken)
    {
        if (DemoData.Users.All(u => u.UserId != userId))
        {
            return DevResults.Problem(StatusCodes.Status404NotFound, "not-found", "Not a demo user.", "userId must name one of the users GET /dev/demo lists.");
        }

        var minted = await api.SendAsync(HttpMethod.Post, $"/api/users/{userId}/tokens", tenant.ApiKey, new { lifetimeMinutes = 60 }, cancellationToken);
        if (minted.Status != HttpStatusCode.OK)
        {
            return DevResults.Problem((int)minted.Status, "error", Title(minted.Body) ?? "The token could not be minted.");
        }

        return DevResults.Ok(new { tenantId = tenant.TenantId, userId, token = minted.Text("token"), expiresAt = minted.Text("expiresAt") });
    }

    private static string? Title(JsonElement? problem) =>
        problem is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("title", out var title) ? title.GetString() : null;
}
