using Azure.Data.Tables;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Usage;

/// <summary>One tenant's usage on one day, every instance's rows added up.</summary>
public sealed record DailyUsage(string TenantId, string Day, IReadOnlyDictionary<string, long> Totals);

/// <summary>The <c>usage</c> table: partition = tenant, row = <c>{yyyy-MM-dd}:{instance}</c>, one Int64 column per counter.</summary>
public sealed class UsageStore(TableProvider tables)
{
    public async Task WriteAsync(string tenantId, string day, string instanceId, IReadOnlyDictionary<string, long> totals, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Usage, cancellationToken);
        var entity = new TableEntity(tenantId, $"{day}:{instanceId}");
        foreach (var (column, total) in totals)
        {
            entity[column] = total;
        }

        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The tenant's days from <paramref name="fromDay"/> to <paramref name="toDay"/> (inclusive).</summary>
    public Task<IReadOnlyList<DailyUsage>> ReadAsync(string tenantId, string fromDay, string toDay, CancellationToken cancellationToken) =>
        SumAsync(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey ge {fromDay} and RowKey lt {toDay + ";"}"), cancellationToken);

    /// <summary>Every tenant's days in the range (the admin's view; a scan of the range, which is small and rare).</summary>
    public Task<IReadOnlyList<DailyUsage>> ReadAllAsync(string fromDay, string toDay, CancellationToken cancellationToken) =>
        SumAsync(TableClient.CreateQueryFilter($"RowKey ge {fromDay} and RowKey lt {toDay + ";"}"), cancellationToken);

    private async Task<IReadOnlyList<DailyUsage>> SumAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Usage, cancellationToken);
        var sums = new SortedDictionary<(string TenantId, string Day), Dictionary<string, long>>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var day = entity.RowKey.Split(':')[0];
            if (!sums.TryGetValue((entity.PartitionKey, day), out var totals))
            {
                totals = new Dictionary<string, long>(StringComparer.Ordinal);
                sums[(entity.PartitionKey, day)] = totals;
            }

            foreach (var (column, value) in entity)
            {
                if (value is long count)
                {
                    totals[column] = totals.GetValueOrDefault(column) + count;
                }
            }
        }

        return [.. sums.Select(s => new DailyUsage(s.Key.TenantId, s.Key.Day, s.Value))];
    }
}
