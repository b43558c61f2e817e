using LiveServerless.Domain.Tenants;
using LiveServerless.Domain.Users;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Users;

/// <summary>Partner routes for a tenant's users (scope <c>users</c>), token minting, and the signed-in user's own view.</summary>
public sealed class UserFunctions(RequestGuard guard, UserService users)
{
    [Function(nameof(CreateUser))]
    public async Task<IResult> CreateUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Users, cancellationToken);
        var body = await request.ReadJsonAsync<CreateUserRequest>(cancellationToken);
        RequireStaffScope(partner, body.Role);
        var user = await users.CreateAsync(partner.TenantId, body.ToDraft(), cancellationToken);
        request.HttpContext.Response.SetETag(user.ETag);
        return TypedResults.Created($"/api/users/{user.Value.Id}", UserResponse.From(user));
    }

    [Function(nameof(ListUsers))]
    public async Task<IResult> ListUsers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Users, cancellationToken);
        var page = await users.ListAsync(partner.TenantId, request.Page(), cancellationToken);
        return TypedResults.Ok(ListResponse.Of(page, UserResponse.From));
    }

    [Function(nameof(GetUser))]
    public async Task<IResult> GetUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{userId}")] HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Users, cancellationToken);
        var user = await users.GetAsync(partner.TenantId, RequestQuery.RouteId(nameof(userId), userId), cancellationToken);
        request.HttpContext.Response.SetETag(user.ETag);
        return TypedResults.Ok(UserResponse.From(user));
    }

    [Function(nameof(UpdateUser))]
    public async Task<IResult> UpdateUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "users/{userId}")] HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Users, cancellationToken);
        var id = RequestQuery.RouteId(nameof(userId), userId);
        var body = await request.ReadJsonAsync<UpdateUserRequest>(cancellationToken);
        RequireStaffScope(partner, body.Role.Value);
        var user = await users.UpdateAsync(partner.TenantId, id, body.ToChanges(), request.IfMatch(), cancellationToken);
        request.HttpContext.Response.SetETag(user.ETag);
        return TypedResults.Ok(UserResponse.From(user));
    }

    [Function(nameof(MintUserToken))]
    public async Task<IResult> MintUserToken(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/tokens")] HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Users, cancellationToken);
        var id = RequestQuery.RouteId(nameof(userId), userId);
        var body = await request.ReadOptionalJsonAsync<MintTokenRequest>(cancellationToken);
        var (token, expiresAt) = await users.MintTokenAsync(partner.TenantId, id, body?.LifetimeMinutes, cancellationToken);
        return TypedResults.Ok(new TokenResponse(token, expiresAt, id));
    }

    /// <summary>Every token minted for the user so far answers 401 from now on, on every route (negotiate included).</summary>
    [Function(nameof(RevokeUserTokens))]
    public async Task<IResult> RevokeUserTokens(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/tokens/revoke")] HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Users, cancellationToken);
        await users.RevokeTokensAsync(partner.TenantId, RequestQuery.RouteId(nameof(userId), userId), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Everything stored about the user, for privacy (data subject access) requests.</summary>
    [Function(nameof(ExportUser))]
    public async Task<IResult> ExportUser(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{userId}/export")] HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Users, cancellationToken);
        var export = await users.ExportAsync(partner.TenantId, RequestQuery.RouteId(nameof(userId), userId), cancellationToken);
        return TypedResults.Ok(UserExportResponse.From(export));
    }

    [Function(nameof(GetMe))]
    public async Task<IResult> GetMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request, CancellationToken cancellationToken)
    {
        var me = await guard.RequireUserAsync(request);
        var user = await users.GetAsync(me.TenantId, me.UserId, cancellationToken);
        request.HttpContext.Response.SetETag(user.ETag);
        return TypedResults.Ok(UserResponse.From(user));
    }

    /// <summary>A host or moderator can moderate rooms with their own token, so only a key that may moderate may make one.</summary>
    private static void RequireStaffScope(Partner partner, UserRole? role)
    {
        if (role is UserRole.Host or UserRole.Moderator)
        {
            partner.RequireScope(PartnerScope.Moderation, $"giving a user the role '{role.Value.ToString().ToLowerInvariant()}'");
        }
    }
}
