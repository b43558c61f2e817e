using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Webhooks;

/// <summary>A tenant's subscriptions: partition = tenant, row = subscription id.</summary>
public sealed class WebhookSubscriptionStore(TableProvider tables)
{
    private readonly DocumentTable<WebhookSubscription> _subscriptions = new(tables, TableNames.Webhooks, "Webhook");

    public Task<Versioned<WebhookSubscription>> AddAsync(WebhookSubscription subscription, CancellationToken cancellationToken) =>
        _subscriptions.AddAsync(subscription.TenantId, subscription.Id, subscription, columns: null, cancellationToken);

    public Task<Versioned<WebhookSubscription>?> GetAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        _subscriptions.GetAsync(tenantId, id, cancellationToken);

    public Task<Versioned<WebhookSubscription>> GetRequiredAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        _subscriptions.GetRequiredAsync(tenantId, id, cancellationToken);

    public Task<Versioned<WebhookSubscription>> UpdateAsync(
        string tenantId, string id, Func<WebhookSubscription, WebhookSubscription> change, string? ifMatch, CancellationToken cancellationToken) =>
        _subscriptions.UpdateAsync(tenantId, id, change, ifMatch, columns: null, cancellationToken);

    public Task DeleteAsync(string tenantId, string id, string? ifMatch, CancellationToken cancellationToken) =>
        _subscriptions.DeleteAsync(tenantId, id, ifMatch, cancellationToken);

    public Task<Domain.Common.Page<Versioned<WebhookSubscription>>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        _subscriptions.QueryAsync(tenantId, columnFilter: null, page, cancellationToken);

    public Task<int> CountAsync(string tenantId, CancellationToken cancellationToken) => _subscriptions.CountAsync(tenantId, null, cancellationToken);

    /// <summary>The tenants with an enabled subscription to any of <paramref name="types"/> (a scan of the small subscriptions table).</summary>
    public async Task<IReadOnlyList<string>> TenantsSubscribedToAsync(IReadOnlyList<string> types, CancellationToken cancellationToken)
    {
        var tenants = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var row in _subscriptions.ScanAsync(TableClient.CreateQueryFilter($"PartitionKey gt {""}"), cancellationToken))
        {
            if (row.Value.Enabled && row.Value.Events.Intersect(types, StringComparer.Ordinal).Any())
            {
                tenants.Add(row.Value.TenantId);
            }
        }

        return [.. tenants];
    }

    /// <summary>Every subscription of the tenant (a tenant has at most <see cref="WebhookService.MaxSubscriptionsPerTenant"/>).</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> AllAsync(string tenantId, CancellationToken cancellationToken)
    {
        var all = new List<WebhookSubscription>();
        await foreach (var row in _subscriptions.ScanAsync(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}"), cancellationToken))
        {
            all.Add(row.Value);
        }

        return all;
    }
}

/// <summary>A delivery that is due, as the dispatcher finds it in the due index.</summary>
public sealed record DueDelivery(string TenantId, string SubscriptionId, string DeliveryId, DateTimeOffset DueAt, string ETag);

/// <summary>
/// Deliveries and their due index. The log (<c>webhookdeliveries</c>: partition = tenant:subscription, row = delivery id, which is
/// the webhook-id) keeps every delivery with its attempts; the index (<c>webhookdue</c>, same keys, a <c>DueAt</c> column) holds only
/// the pending ones, so the dispatcher's one query stays small however long the log grows. A delivery is added index-first: if the
/// second write is lost the dispatcher finds an index row without a delivery and drops it, and a repeat of the same event (same
/// id) adds nothing, since the log row already exists.
/// </summary>
public sealed class WebhookDeliveryStore(TableProvider tables)
{
    private const string DueAtColumn = "DueAt";

    private readonly DocumentTable<WebhookDelivery> _deliveries = new(tables, TableNames.WebhookDeliveries, "Delivery");

    public static string Partition(string tenantId, string subscriptionId) => TableNames.Scoped(tenantId, subscriptionId);

    /// <summary>Adds the delivery unless one with its id exists already; true when added.</summary>
    public async Task<bool> AddIfNewAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var partition = Partition(delivery.TenantId, delivery.SubscriptionId);
        if (await _deliveries.GetAsync(partition, delivery.Id, cancellationToken) is not null)
        {
            return false;
        }

        await ScheduleAsync(delivery, delivery.NextAttemptAt ?? delivery.CreatedAt, cancellationToken);
        var table = await tables.GetAsync(TableNames.WebhookDeliveries, cancellationToken);
        try
        {
            await table.AddEntityAsync(DocumentTable<WebhookDelivery>.ToEntity(partition, delivery.Id, delivery, columns: null), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public Task<Versioned<WebhookDelivery>?> GetAsync(string tenantId, string subscriptionId, string deliveryId, CancellationToken cancellationToken) =>
        _deliveries.GetAsync(Partition(tenantId, subscriptionId), deliveryId, cancellationToken);

    public Task<Versioned<WebhookDelivery>> GetRequiredAsync(string tenantId, string subscriptionId, string deliveryId, CancellationToken cancellationToken) =>
        _deliveries.GetRequiredAsync(Partition(tenantId, subscriptionId), deliveryId, cancellationToken);

    public Task SaveAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        _deliveries.UpsertAsync(Partition(delivery.TenantId, delivery.SubscriptionId), delivery.Id, delivery, columns: null, cancellationToken);

    public Task<Domain.Common.Page<Versioned<WebhookDelivery>>> ListAsync(string tenantId, string subscriptionId, PageRequest page, CancellationToken cancellationToken) =>
        _deliveries.QueryAsync(Partition(tenantId, subscriptionId), columnFilter: null, page, cancellationToken);

    /// <summary>Deletes the subscription's log and pending deliveries (when the subscription is deleted).</summary>
    public async Task DeleteSubscriptionAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken)
    {
        var due = await tables.GetAsync(TableNames.WebhookDue, cancellationToken);
        await foreach (var row in due.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(tenantId, subscriptionId)}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await due.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }

        await _deliveries.DeletePartitionAsync(Partition(tenantId, subscriptionId), cancellationToken);
    }

    /// <summary>Puts the delivery in the due index for <paramref name="dueAt"/> (whatever was there).</summary>
    public async Task ScheduleAsync(WebhookDelivery delivery, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.WebhookDue, cancellationToken);
        await table.UpsertEntityAsync(DueRow(delivery.TenantId, delivery.SubscriptionId, delivery.Id, dueAt), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Up to <paramref name="max"/> deliveries due at <paramref name="now"/>, any tenant.</summary>
    public async IAsyncEnumerable<DueDelivery> DueAsync(DateTimeOffset now, int max, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.WebhookDue, cancellationToken);
        var count = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"DueAt le {now}"), maxPerPage: max, cancellationToken: cancellationToken))
        {
            yield return new DueDelivery(row.GetString("TenantId"), row.GetString("SubscriptionId"), row.RowKey, row.GetDateTimeOffset(DueAtColumn) ?? now, row.ETag.ToString());
            if (++count >= max)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Takes a due delivery for <paramref name="claimFor"/> by moving its due time past now, guarded by the version read: only one
    /// instance wins a delivery. False when another instance took it first.
    /// </summary>
    public async Task<bool> TryClaimAsync(DueDelivery due, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.WebhookDue, cancellationToken);
        try
        {
            await table.UpdateEntityAsync(DueRow(due.TenantId, due.SubscriptionId, due.DeliveryId, until), new ETag(due.ETag), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    public async Task UnscheduleAsync(string tenantId, string subscriptionId, string deliveryId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.WebhookDue, cancellationToken);
        await table.DeleteEntityAsync(Partition(tenantId, subscriptionId), deliveryId, ETag.All, cancellationToken);
    }

    private static TableEntity DueRow(string tenantId, string subscriptionId, string deliveryId, DateTimeOffset dueAt) =>
        new(Partition(tenantId, subscriptionId), deliveryId)
        {
            [DueAtColumn] = dueAt,
            ["TenantId"] = tenantId,
            ["SubscriptionId"] = subscriptionId,
        };
}
