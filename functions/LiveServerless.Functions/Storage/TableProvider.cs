using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace LiveServerless.Functions.Storage;

/// <summary>
/// Hands out table clients, creating each table once per process on first use. Creating lazily (instead of at startup)
/// means a storage outage at boot does not kill the app: the first request after recovery creates what is missing.
/// </summary>
public sealed class TableProvider(TableServiceClient service)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    public TableServiceClient Service => service;

    public async Task<TableClient> GetAsync(string tableName, CancellationToken cancellationToken)
    {
        var lazy = _tables.GetOrAdd(tableName, name => new Lazy<Task<TableClient>>(() => CreateAsync(name)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch when (lazy.Value.IsFaulted)
        {
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(tableName, lazy));
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string tableName)
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
