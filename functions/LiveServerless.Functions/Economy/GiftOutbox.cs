using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Economy;

/// <summary>A gift event written to the outbox before its sender was debited, with the minute bucket it sits in.</summary>
public sealed record PendingGift(string Bucket, Interaction Gift);

/// <summary>
/// The transactional outbox of gifts: a gift event is recorded here (partition = minute bucket) before its sender is debited, and
/// removed once it is on the stream or was refunded. A row still here minutes later means the app stopped between the debit and the
/// publish; <see cref="GiftOutboxRelay"/> then publishes the gift if it was debited, so no coin is ever taken without its gift.
/// Buckets make the relay's read a range over a few small partitions instead of a scan of every wallet.
/// </summary>
public sealed class GiftOutbox(TableProvider tables)
{
    private readonly DocumentTable<Interaction> _rows = new(tables, TableNames.GiftOutbox, "Pending gift");

    public static string BucketOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>Records the gifts (of one request, one bucket) in one transaction.</summary>
    public async Task AddAsync(IReadOnlyList<Interaction> gifts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.GiftOutbox, cancellationToken);
        var bucket = BucketOf(now);
        await table.SubmitTransactionAsync(
            gifts.Select(g => new TableTransactionAction(TableTransactionActionType.UpsertReplace, DocumentTable<Interaction>.ToEntity(bucket, Row(g), g, columns: null))),
            cancellationToken);
    }

    public async Task RemoveAsync(IReadOnlyList<Interaction> gifts, DateTimeOffset addedAt, CancellationToken cancellationToken)
    {
        var bucket = BucketOf(addedAt);
        await Task.WhenAll(gifts.Select(g => _rows.DeleteIfExistsAsync(bucket, Row(g), cancellationToken)));
    }

    public Task RemoveAsync(PendingGift pending, CancellationToken cancellationToken) =>
        _rows.DeleteIfExistsAsync(pending.Bucket, Row(pending.Gift), cancellationToken);

    /// <summary>Every gift recorded before <paramref name="before"/> that is still here.</summary>
    public async IAsyncEnumerable<PendingGift> OlderThanAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {BucketOf(before)}");
        await foreach (var (bucket, _, gift) in _rows.ScanWithKeysAsync(filter, cancellationToken))
        {
            yield return new PendingGift(bucket, gift);
        }
    }

    private static string Row(Interaction gift) => $"{gift.TenantId}:{gift.UserId}:{gift.Id}";
}
