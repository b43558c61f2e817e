using LiveServerless.Domain.Ads;
using LiveServerless.Functions.Cosmos;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Ads;

/// <summary>One ledger document per viewer; id and partition key = tenant:user (the stream's partition key too).</summary>
public sealed record AdLedgerDocument(string Id, string UserId, UserAdLedger Ledger) : ICosmosDocument
{
    public string PartitionKeyValue => UserId;
}

/// <summary>
/// Viewers' ad ledgers in Cosmos DB (container adLedgers). Written by the decision (a reservation per served ad) and by the stream
/// handler (what was shown and clicked), both with If-Match: a lost race means re-reading and redoing the change.
/// </summary>
public sealed class AdLedgerStore(CosmosDatabase database) : IUserDataEraser
{
    private readonly CosmosDocuments<AdLedgerDocument> _documents = new(database, CosmosContainers.AdLedgers);

    /// <summary>The viewer's ledger and its ETag; an empty ledger and no ETag when the viewer was never served an ad.</summary>
    public async Task<(UserAdLedger Ledger, string? ETag)> ReadAsync(LedgerKey viewer, CancellationToken cancellationToken)
    {
        var key = Key(viewer);
        var stored = await _documents.ReadAsync(key, key, cancellationToken);
        return stored is { } found ? (found.Document.Ledger, found.ETag) : (UserAdLedger.Empty(viewer.TenantId, viewer.UserId), null);
    }

    /// <summary>Stores <paramref name="ledger"/> over the version it was derived from; false when someone else wrote first.</summary>
    public async Task<bool> TryWriteAsync(UserAdLedger ledger, string? etag, CancellationToken cancellationToken)
    {
        var key = Key(LedgerKey.Of(ledger));
        return await _documents.TryWriteAsync(new AdLedgerDocument(key, key, ledger), etag, cancellationToken) is not null;
    }

    public Task DeleteAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, userId);
        return _documents.DeleteAsync(key, key, cancellationToken);
    }

    private static string Key(LedgerKey viewer) => CosmosKeys.Scoped(viewer.TenantId, viewer.UserId);

    string IUserDataEraser.Store => "adLedgers";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        DeleteAsync(tenantId, userId, cancellationToken);
}
