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

    public async Task<Versioned<T>> GetRequiredAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        await GetAsync(partitionKey, rowKey, cancellationToken) ?? throw new NotFoundException(what, rowKey);

    /// <summary>
    /// Read-change-write with ETag guards. With a client If-Match, a version mismatch is the client's 412; without one,
    /// a concurrent writer simply makes us re-read and re-apply the (pure) change.
    /// </summary>
    public async Task<Versioned<T>> UpdateAsync(
        string partitionKey,
        string rowKey,
        Func<T, T> change,
        string? ifMatch,
        Func<T, IReadOnlyDictionary<string, object>?>? columns,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetRequiredAsync(partitionKey, rowKey, cancellationToken);
            RequireMatch(ifMatch, current.ETag, rowKey);
            var updated = change(current.Value);
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

    /// <summary>One page of the partition, optionally narrowed by an OData filter on the plain columns.</summary>
    public async Task<Domain.Common.Page<Versioned<T>>> QueryAsync(string partitionKey, string? columnFilter, PageRequest page, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}") + (columnFilter is null ? "" : $" and ({columnFilter})");
        var storageToken = ContinuationTokens.Unwrap(page.ContinuationToken);
        await foreach (var storagePage in table.QueryAsync<TableEntity>(filter, page.Limit, cancellationToken: cancellationToken).AsPages(storageToken, page.Limit))
        {
            return new Domain.Common.Page<Versioned<T>>(storagePage.Values.Select(FromEntity).ToArray(), ContinuationTokens.Wrap(storagePage.ContinuationToken));
        }

        return new Domain.Common.Page<Versioned<T>>([], null);
    }

    private static void RequireMatch(string? ifMatch, string currentETag, string rowKey)
    {
        if (!IsAnyVersion(ifMatch) && ifMatch != currentETag)
        {
            throw new PreconditionFailedException($"If-Match does not match the current version of '{rowKey}'.");
        }
    }

    private static bool IsAnyVersion(string? ifMatch) => ifMatch is null or "*";

    private static TableEntity ToEntity(string partitionKey, string rowKey, T document, IReadOnlyDictionary<string, object>? columns)
    {
        var entity = new TableEntity(partitionKey, rowKey) { [DataColumn] = JsonSerializer.Serialize(document, StorageJson.Options) };
        foreach (var (name, value) in columns ?? new Dictionary<string, object>())
        {
            entity[name] = value;
        }

        return entity;
    }

    private static Versioned<T> FromEntity(TableEntity entity) =>
        new(JsonSerializer.Deserialize<T>(entity.GetString(DataColumn), StorageJson.Options)!, entity.ETag.ToString());
}
