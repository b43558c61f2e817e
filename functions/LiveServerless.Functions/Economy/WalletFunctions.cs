using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Economy;

/// <summary>
/// Coin wallets: the partner's backend credits coins after its own payment (scope <c>economy</c>) and reads any user's wallet and
/// statement; a signed-in user reads their own. The outbox relay timer lives here too: it finishes gifts whose request stopped.
/// </summary>
public sealed class WalletFunctions(RequestGuard guard, WalletService wallets, GiftPayments payments)
{
    [Function(nameof(CreditWallet))]
    public async Task<IResult> CreditWallet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "users/{userId}/wallet/credits")] HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Economy, cancellationToken);
        var id = RequestQuery.RouteId(nameof(userId), userId);
        var body = await request.ReadJsonAsync<CreditRequest>(cancellationToken);
        var (entry, wallet, created) = await wallets.CreditAsync(partner.TenantId, id, body.Amount, body.Reference, cancellationToken);
        var response = new CreditResponse(id, entry.Reference, entry.Coins, entry.At, wallet.Balance, wallet.Earnings);
        return created ? TypedResults.Created($"/api/users/{id}/wallet", response) : TypedResults.Ok(response);
    }

    [Function(nameof(GetWallet))]
    public async Task<IResult> GetWallet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{userId}/wallet")] HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Economy, cancellationToken);
        var id = RequestQuery.RouteId(nameof(userId), userId);
        return TypedResults.Ok(WalletResponse.From(id, await wallets.GetAsync(partner.TenantId, id, cancellationToken)));
    }

    [Function(nameof(GetWalletStatement))]
    public async Task<IResult> GetWalletStatement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "users/{userId}/wallet/statement")] HttpRequest request, string userId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Economy, cancellationToken);
        var page = await wallets.StatementAsync(partner.TenantId, RequestQuery.RouteId(nameof(userId), userId), request.Page(), cancellationToken);
        return TypedResults.Ok(ListResponse.Of(page, StatementEntryResponse.From));
    }

    [Function(nameof(GetMyWallet))]
    public async Task<IResult> GetMyWallet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/wallet")] HttpRequest request, CancellationToken cancellationToken)
    {
        var me = await guard.RequireUserAsync(request);
        return TypedResults.Ok(WalletResponse.From(me.UserId, await wallets.GetAsync(me.TenantId, me.UserId, cancellationToken)));
    }

    [Function(nameof(GetMyWalletStatement))]
    public async Task<IResult> GetMyWalletStatement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/wallet/statement")] HttpRequest request, CancellationToken cancellationToken)
    {
        var me = await guard.RequireUserAsync(request);
        var page = await wallets.StatementAsync(me.TenantId, me.UserId, request.Page(), cancellationToken);
        return TypedResults.Ok(ListResponse.Of(page, StatementEntryResponse.From));
    }

    [Function(nameof(RelayPendingGifts))]
    public Task RelayPendingGifts([TimerTrigger("30 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        payments.RelayAsync(cancellationToken);
}
