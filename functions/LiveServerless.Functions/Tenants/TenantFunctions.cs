using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Tenants;

/// <summary>Admin routes: tenants (with their hosts' revenue share) and their partner keys. Only the bootstrap admin key (Admin:ApiKey) may call them.</summary>
public sealed class TenantFunctions(RequestGuard guard, TenantService tenants)
{
    [Function(nameof(CreateTenant))]
    public async Task<IResult> CreateTenant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tenants")] HttpRequest request, CancellationToken cancellationToken)
    {
        await guard.RequireAdminAsync(request, cancellationToken);
        var body = await request.ReadJsonAsync<CreateTenantRequest>(cancellationToken);
        var tenant = await tenants.CreateAsync(body.Name, cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenant.Id}", TenantResponse.From(tenant));
    }

    [Function(nameof(GetTenant))]
    public async Task<IResult> GetTenant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tenants/{tenantId}")] HttpRequest request, string tenantId, CancellationToken cancellationToken)
    {
        await guard.RequireAdminAsync(request, cancellationToken);
        var tenant = await tenants.GetAsync(RequestQuery.RouteId(nameof(tenantId), tenantId), cancellationToken);
        return TypedResults.Ok(TenantResponse.From(tenant));
    }

    [Function(nameof(UpdateTenant))]
    public async Task<IResult> UpdateTenant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "tenants/{tenantId}")] HttpRequest request, string tenantId, CancellationToken cancellationToken)
    {
        await guard.RequireAdminAsync(request, cancellationToken);
        var id = RequestQuery.RouteId(nameof(tenantId), tenantId);
        var body = await request.ReadJsonAsync<UpdateTenantRequest>(cancellationToken);
        var tenant = await tenants.UpdateAsync(id, body.ToChanges(), request.IfMatch(), cancellationToken);
        return TypedResults.Ok(TenantResponse.From(tenant));
    }

    [Function(nameof(IssueKey))]
    public async Task<IResult> IssueKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tenants/{tenantId}/keys")] HttpRequest request, string tenantId, CancellationToken cancellationToken)
    {
        await guard.RequireAdminAsync(request, cancellationToken);
        var body = await request.ReadJsonAsync<IssueKeyRequest>(cancellationToken);
        var (key, credential) = await tenants.IssueKeyAsync(RequestQuery.RouteId(nameof(tenantId), tenantId), body.Name, body.Scopes, cancellationToken);
        return TypedResults.Created($"/api/tenants/{tenantId}/keys/{key.Id}", IssuedKeyResponse.From(key, credential));
    }

    [Function(nameof(ListKeys))]
    public async Task<IResult> ListKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tenants/{tenantId}/keys")] HttpRequest request, string tenantId, CancellationToken cancellationToken)
    {
        await guard.RequireAdminAsync(request, cancellationToken);
        var page = await tenants.ListKeysAsync(RequestQuery.RouteId(nameof(tenantId), tenantId), request.Page(), cancellationToken);
        return TypedResults.Ok(ListResponse.Of(page, KeyResponse.From));
    }

    [Function(nameof(RevokeKey))]
    public async Task<IResult> RevokeKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "tenants/{tenantId}/keys/{keyId}")] HttpRequest request,
        string tenantId,
        string keyId,
        CancellationToken cancellationToken)
    {
        await guard.RequireAdminAsync(request, cancellationToken);
        await tenants.RevokeKeyAsync(RequestQuery.RouteId(nameof(tenantId), tenantId), RequestQuery.RouteId(nameof(keyId), keyId), cancellationToken);
        return TypedResults.NoContent();
    }
}
