using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LiveServerless.Domain.Common;

namespace LiveServerless.Functions.Storage;

/// <summary>
/// Stores domain objects as JSON documents in an Azure Table, one entity per object, with optional plain columns for filtering.
/// It owns optimistic concurrency: every write is guarded by the ETag it read, so concurrent updates never overwrite each other.
/// </summary>
public sealed class DocumentTable<T>(TableProvider tables, string tableName, string what)
    where T : class
{
    private const string DataColumn = "Data";

    private const int MaxUpdateAttempts = 5;

    public async Task<Versioned<T>> AddAsync(string partitionKey, string rowKey, T document, IReadOnlyDictionary<string, object>? columns, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        try
        {
            var response = await table.AddEntityAsync(ToEntity(partitionKey, rowKey, document, columns), cancellationToken);
            return new Versioned<T>(document, response.Headers.ETag?.ToString() ?? "");
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new ConflictException($"{what} '{rowKey}' already exists.");
        }
    }

    public async Task<Versioned<T>?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>The stored entity itself, for rows that may be markers without a document.</summary>
    public async Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public async Task<Versioned<T>> GetRequiredAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        await GetAsync(partitionKey, rowKey, cancellationToken) ?? throw new NotFoundException(what, rowKey);

    /// <summary>
    /// Read-change-write with ETag guards. With a client If-Match, a version mismatch is the client's 412; without one,
    /// a concurrent writer simply makes us re-read and re-apply the (pure) change.
    /// </summary>
    public Task<Versioned<T>> UpdateAsync(
        string partitionKey,
        string rowKey,
        Func<T, T> change,
        string? ifMatch,
        Func<T, IReadOnlyDictionary<string, object>?>? columns,
        CancellationToken cancellationToken) =>
        UpdateAsync(partitionKey, rowKey, (current, _) => Task.FromResult(change(current)), ifMatch, columns, cancellationToken);

    /// <summary>
    /// The same loop with a change that has to do I/O of its own before the write (for example, reserve something elsewhere under the
    /// version it read). It runs again on every retry, so it must be safe to repeat.
    /// </summary>
    public async Task<Versioned<T>> UpdateAsync(
        string partitionKey,
        string rowKey,
        Func<T, CancellationToken, Task<T>> change,
        string? ifMatch,
        Func<T, IReadOnlyDictionary<string, object>?>? columns,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetRequiredAsync(partitionKey, rowKey, cancellationToken);
            RequireMatch(ifMatch, current.ETag, rowKey);
            var updated = await change(current.Value, cancellationToken);
            try
            {
                var entity = ToEntity(partitionKey, rowKey, updated, columns?.Invoke(updated));
                var response = await table.UpdateEntityAsync(entity, new ETag(current.ETag), TableUpdateMode.Replace, cancellationToken);
                return new Versioned<T>(updated, response.Headers.ETag?.ToString() ?? "");
            }
            catch (RequestFailedException e) when (e.Status == 412 && IsAnyVersion(ifMatch) && attempt < MaxUpdateAttempts)
            {
                // Lost a race with another writer and the client did not pin a version: re-read and re-apply.
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                throw new PreconditionFailedException($"{what} '{rowKey}' was changed by someone else; read it again and retry.");
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                throw new NotFoundException(what, rowKey);
            }
        }
    }

    public async Task DeleteAsync(string partitionKey, string rowKey, string? ifMatch, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var current = await GetRequiredAsync(partitionKey, rowKey, cancellationToken);
        RequireMatch(ifMatch, current.ETag, rowKey);
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, IsAnyVersion(ifMatch) ? ETag.All : new ETag(current.ETag), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new PreconditionFailedException($"{what} '{rowKey}' was changed by someone else; read it again and retry.");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new NotFoundException(what, rowKey);
        }
    }

    /// <summary>
    /// Writes <paramref name="document"/>, with its plain <paramref name="columns"/>, only over the version <paramref name="etag"/> it was
    /// derived from (null: only if there is no row yet). Returns the new version, or null when another writer wrote or deleted the row
    /// first (the caller reads again and decides afresh).
    /// </summary>
    public async Task<string?> TryWriteAsync(
        string partitionKey, string rowKey, T document, string? etag, IReadOnlyDictionary<string, object>? columns, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        try
        {
            var entity = ToEntity(partitionKey, rowKey, document, columns);
            var response = etag is null
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString() ?? "";
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Writes the document whatever version is stored (for state where the last writer rightly wins).</summary>
    public async Task UpsertAsync(string partitionKey, string rowKey, T document, IReadOnlyDictionary<string, object>? columns, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        await table.UpsertEntityAsync(ToEntity(partitionKey, rowKey, document, columns), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Deletes the row if it exists; deleting what is not there is not an error (idempotent).</summary>
    public async Task<bool> DeleteIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var response = await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    /// <summary>Counts the partition's rows matching the column filter, reading keys only.</summary>
    public async Task<int> CountAsync(string partitionKey, string? columnFilter, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in Keys(await tables.GetAsync(tableName, cancellationToken), PartitionFilter(partitionKey, columnFilter), cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>Every document, in any partition, matching an OData filter (for rare whole-table reads such as privacy exports).</summary>
    public async IAsyncEnumerable<Versioned<T>> ScanAsync(string filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    /// <summary>Every stored entity, in any partition, matching an OData filter (rows that may be markers without a document).</summary>
    public async IAsyncEnumerable<TableEntity> ScanEntitiesAsync(string filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return entity;
        }
    }

    /// <summary>Every document matching an OData filter, in any partition, with its keys (for sweeps that act on each row).</summary>
    public async IAsyncEnumerable<(string PartitionKey, string RowKey, T Document)> ScanWithKeysAsync(
        string filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return (entity.PartitionKey, entity.RowKey, FromEntity(entity).Value);
        }
    }

    /// <summary>
    /// Every document matching an OData filter, in any partition, with the time storage last wrote it (server clock): what an in-memory
    /// mirror needs to ask next time for only what changed since (<c>Timestamp ge …</c>).
    /// </summary>
    public async IAsyncEnumerable<(Versioned<T> Document, DateTimeOffset WrittenAt)> ScanWithWriteTimesAsync(
        string filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return (FromEntity(entity), entity.Timestamp ?? DateTimeOffset.MinValue);
        }
    }

    /// <summary>The keys of every row, in any partition, matching an OData filter (for housekeeping sweeps).</summary>
    public async IAsyncEnumerable<(string PartitionKey, string RowKey)> ScanKeysAsync(
        string filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var key in Keys(await tables.GetAsync(tableName, cancellationToken), filter, cancellationToken))
        {
            yield return key;
        }
    }

    /// <summary>Deletes every row of a partition in transactions of up to 100 (the service's batch limit).</summary>
    public async Task<int> DeletePartitionAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var deleted = 0;
        var batch = new List<TableTransactionAction>(100);
        await foreach (var (pk, rk) in Keys(table, PartitionFilter(partitionKey, null), cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, rk), ETag.All));
            if (batch.Count == 100)
            {
                deleted += await SubmitAsync(table, batch, cancellationToken);
            }
        }

        return deleted + await SubmitAsync(table, batch, cancellationToken);
    }

    /// <summary>One page of the partition, optionally narrowed by an OData filter on the plain columns.</summary>
    public async Task<Domain.Common.Page<Versioned<T>>> QueryAsync(string partitionKey, string? columnFilter, PageRequest page, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var filter = PartitionFilter(partitionKey, columnFilter);
        var storageToken = ContinuationTokens.Unwrap(page.ContinuationToken);
        await foreach (var storagePage in table.QueryAsync<TableEntity>(filter, page.Limit, cancellationToken: cancellationToken).AsPages(storageToken, page.Limit))
        {
            return new Domain.Common.Page<Versioned<T>>(storagePage.Values.Select(FromEntity).ToArray(), ContinuationTokens.Wrap(storagePage.ContinuationToken));
        }

        return new Domain.Common.Page<Versioned<T>>([], null);
    }

    private static string PartitionFilter(string partitionKey, string? columnFilter) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}") + (columnFilter is null ? "" : $" and ({columnFilter})");

    private static async IAsyncEnumerable<(string PartitionKey, string RowKey)> Keys(
        TableClient table, string filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            yield return (entity.PartitionKey, entity.RowKey);
        }
    }

    private static async Task<int> SubmitAsync(TableClient table, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await table.SubmitTransactionAsync(batch, cancellationToken);
        var submitted = batch.Count;
        batch.Clear();
        return submitted;
    }

    private static void RequireMatch(string? ifMatch, string currentETag, string rowKey)
    {
        if (!IsAnyVersion(ifMatch) && ifMatch != currentETag)
        {
            throw new PreconditionFailedException($"If-Match does not match the current version of '{rowKey}'.");
        }
    }

    private static bool IsAnyVersion(string? ifMatch) => ifMatch is null or "*";

    /// <summary>The entity a document is stored as (for callers that write several rows in one entity-group transaction).</summary>
    internal static TableEntity ToEntity(string partitionKey, string rowKey, T document, IReadOnlyDictionary<string, object>? columns)
    {
        var entity = new TableEntity(partitionKey, rowKey) { [DataColumn] = JsonSerializer.Serialize(document, StorageJson.Options) };
        foreach (var (name, value) in columns ?? new Dictionary<string, object>())
        {
            entity[name] = value;
        }

        return entity;
    }

    internal static Versioned<T> FromEntity(TableEntity entity) =>
        new(JsonSerializer.Deserialize<T>(entity.GetString(DataColumn), StorageJson.Options)!, entity.ETag.ToString());
}
