using LiveServerless.Domain.Common;
using LiveServerless.Domain.Economy;
using LiveServerless.Functions.Users;

namespace LiveServerless.Functions.Economy;

/// <summary>Partner credits and everyone's view of a wallet: balance, earnings and the statement, always for an existing user of the tenant.</summary>
public sealed class WalletService(WalletStore wallets, UserStore users, TimeProvider time)
{
    public async Task<(StatementEntry Entry, Wallet Wallet, bool Created)> CreditAsync(
        string tenantId, string userId, long? amount, string? reference, CancellationToken cancellationToken)
    {
        CreditRules.Validate(amount, reference);
        await users.GetRequiredAsync(tenantId, userId, cancellationToken);
        return await wallets.CreditAsync(tenantId, userId, amount!.Value, reference!.Trim(), time.GetUtcNow(), cancellationToken);
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
