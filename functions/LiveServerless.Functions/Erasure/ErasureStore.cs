using Azure.Data.Tables;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Erasure;

/// <summary>Erasure jobs in Azure Tables: partition = tenant, row = user id, with the status as a column to find pending jobs.</summary>
public sealed class ErasureStore(TableProvider tables)
{
    private const string StatusColumn = "Status";

    private readonly DocumentTable<ErasureJob> _jobs = new(tables, TableNames.Erasures, "Erasure");

    public async Task<ErasureJob?> GetAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        (await _jobs.GetAsync(tenantId, userId, cancellationToken))?.Value;

    public Task SaveAsync(string tenantId, ErasureJob job, CancellationToken cancellationToken) =>
        _jobs.UpsertAsync(tenantId, job.UserId, job, Columns(job), cancellationToken);

    /// <summary>Applies a change on top of what is stored now (two instances may work on the same job; marks merge, never undo).</summary>
    public async Task<ErasureJob> UpdateAsync(string tenantId, string userId, Func<ErasureJob, ErasureJob> change, CancellationToken cancellationToken) =>
        (await _jobs.UpdateAsync(tenantId, userId, change, ifMatch: null, Columns, cancellationToken)).Value;

    /// <summary>Every pending job of every tenant: (tenant id, job).</summary>
    public async IAsyncEnumerable<(string TenantId, ErasureJob Job)> PendingAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"Status eq {nameof(ErasureStatus.Pending)}");
        await foreach (var (tenantId, _, job) in _jobs.ScanWithKeysAsync(filter, cancellationToken))
        {
            yield return (tenantId, job);
        }
    }

    private static Dictionary<string, object> Columns(ErasureJob job) => new() { [StatusColumn] = job.Status.ToString() };
}
