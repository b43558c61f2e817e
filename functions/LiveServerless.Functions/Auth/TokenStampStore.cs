using Azure;
using Azure.Data.Tables;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Auth;

/// <summary>
/// Each user's token stamp (the security-stamp pattern): every user token carries the stamp current when it was minted, and
/// a token whose stamp is no longer current is refused. Revoking tokens, or erasing the user, writes a new random stamp — so
/// every older token dies at once, on every instance, with no clock comparisons. A user without a row has the initial stamp.
/// Partition = tenant, row = user id.
/// </summary>
public sealed class TokenStampStore(TableProvider tables)
{
    public const string Initial = "0";

    public async Task<string> GetAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.TokenStamps, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(tenantId, userId, ["Stamp"], cancellationToken);
        return row.HasValue ? row.Value!.GetString("Stamp") ?? Initial : Initial;
    }

    /// <summary>Makes every token minted so far invalid; returns the new stamp.</summary>
    public async Task<string> RenewAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.TokenStamps, cancellationToken);
        var stamp = Guid.NewGuid().ToString("N");
        await table.UpsertEntityAsync(new TableEntity(tenantId, userId) { ["Stamp"] = stamp }, TableUpdateMode.Replace, cancellationToken);
        return stamp;
    }
}
