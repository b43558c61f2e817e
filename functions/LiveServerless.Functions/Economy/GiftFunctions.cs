using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Economy;

/// <summary>The tenant's gift catalog: partners (scope <c>economy</c>) define gifts and prices; web clients read it for their gift picker.</summary>
public sealed class GiftFunctions(RequestGuard guard, GiftCatalogService gifts)
{
    [Function(nameof(PutGift))]
    public async Task<IResult> PutGift(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "gifts/{giftId}")] HttpRequest request, string giftId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Economy, cancellationToken);
        var id = RequestQuery.RouteId(nameof(giftId), giftId);
        var body = await request.ReadJsonAsync<PutGiftRequest>(cancellationToken);
        var (gift, created) = await gifts.PutAsync(partner.TenantId, id, body.ToDefinition(), request.IfMatch(), cancellationToken);
        request.HttpContext.Response.SetETag(gift.ETag);
        return created
            ? TypedResults.Created($"/api/gifts/{id}", GiftResponse.From(gift))
            : TypedResults.Ok(GiftResponse.From(gift));
    }

    [Function(nameof(ListGifts))]
    public async Task<IResult> ListGifts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "gifts")] HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await guard.RequirePartnerOrUserAsync(request, PartnerScope.Economy, cancellationToken);
        var page = await gifts.ListAsync(caller.TenantId, request.Page(), cancellationToken);
        return TypedResults.Ok(ListResponse.Of(page, GiftResponse.From));
    }

    [Function(nameof(GetGift))]
    public async Task<IResult> GetGift(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "gifts/{giftId}")] HttpRequest request, string giftId, CancellationToken cancellationToken)
    {
        var caller = await guard.RequirePartnerOrUserAsync(request, PartnerScope.Economy, cancellationToken);
        var gift = await gifts.GetAsync(caller.TenantId, RequestQuery.RouteId(nameof(giftId), giftId), cancellationToken);
        request.HttpContext.Response.SetETag(gift.ETag);
        return TypedResults.Ok(GiftResponse.From(gift));
    }

    [Function(nameof(DeleteGift))]
    public async Task<IResult> DeleteGift(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "gifts/{giftId}")] HttpRequest request, string giftId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Economy, cancellationToken);
        await gifts.DeleteAsync(partner.TenantId, RequestQuery.RouteId(nameof(giftId), giftId), request.IfMatch(), cancellationToken);
        return TypedResults.NoContent();
    }
}
