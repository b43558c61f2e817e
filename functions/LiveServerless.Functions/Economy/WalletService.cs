using LiveServerless.Domain.Common;
using LiveServerless.Domain.Economy;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Users;
using LiveServerless.Functions.Webhooks;

namespace LiveServerless.Functions.Economy;

/// <summary>Partner credits and everyone's view of a wallet: balance, earnings and the statement, always for an existing user of the tenant.</summary>
public sealed class WalletService(WalletStore wallets, UserStore users, WebhookOutbox webhooks, TimeProvider time)
{
    /// <summary>
    /// Credits once per reference. <c>wallet.credited</c> is recorded before the credit and delivered after it — also after a repeat
    /// of the reference (its id is the reference's, so a first attempt that stopped halfway is finished, never doubled).
    /// </summary>
    public async Task<(StatementEntry Entry, Wallet Wallet, bool Created)> CreditAsync(
        string tenantId, string userId, long? amount, string? reference, CancellationToken cancellationToken)
    {
        CreditRules.Validate(amount, reference);
        await users.GetRequiredAsync(tenantId, userId, cancellationToken);
        var now = time.GetUtcNow();
        var credited = WebhookEvents.WalletCredited(tenantId, userId, amount!.Value, reference!.Trim(), now);
        return await webhooks.AroundAsync(credited, () => wallets.CreditAsync(tenantId, userId, amount.Value, reference.Trim(), now, cancellationToken), cancellationToken);
    }

    public async Task<Wallet> GetAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        await users.GetRequiredAsync(tenantId, userId, cancellationToken);
        return await wallets.GetAsync(tenantId, userId, cancellationToken);
    }

    public async Task<Page<StatementEntry>> StatementAsync(string tenantId, string userId, PageRequest page, CancellationToken cancellationToken)
    {
        await users.GetRequiredAsync(tenantId, userId, cancellationToken);
        return await wallets.StatementAsync(tenantId, userId, page, cancellationToken);
    }
}
