using LiveServerless.Domain.Common;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Webhooks;

/// <summary>A tenant's subscriptions, their delivery log, test events and manual retries.</summary>
public sealed class WebhookService(
    WebhookSubscriptionStore subscriptions,
    WebhookDeliveryStore deliveries,
    IOptions<WebhooksOptions> options,
    TimeProvider time)
{
    public const int MaxSubscriptionsPerTenant = 20;

    public TargetRules Rules { get; } = new(options.Value.AllowHttpTargets, options.Value.AllowPrivateTargets);

    public async Task<WebhookSubscription> CreateAsync(string tenantId, NewSubscription draft, CancellationToken cancellationToken)
    {
        var subscription = WebhookSubscription.Create(tenantId, draft, Rules, time.GetUtcNow());
        if (await subscriptions.CountAsync(tenantId, cancellationToken) >= MaxSubscriptionsPerTenant)
        {
            throw new ConflictException($"A tenant has at most {MaxSubscriptionsPerTenant} webhook subscriptions; delete one first.");
        }

        return (await subscriptions.AddAsync(subscription, cancellationToken)).Value;
    }

    public Task<Versioned<WebhookSubscription>> GetAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        subscriptions.GetRequiredAsync(tenantId, id, cancellationToken);

    public Task<Page<Versioned<WebhookSubscription>>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        subscriptions.ListAsync(tenantId, page, cancellationToken);

    public Task<Versioned<WebhookSubscription>> UpdateAsync(string tenantId, string id, SubscriptionChanges changes, string? ifMatch, CancellationToken cancellationToken) =>
        subscriptions.UpdateAsync(tenantId, id, s => s.Apply(changes, Rules, time.GetUtcNow()), ifMatch, cancellationToken);

    /// <summary>Deletes the subscription, then its log and pending deliveries (a repeat finishes an interrupted delete).</summary>
    public async Task DeleteAsync(string tenantId, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        await subscriptions.DeleteAsync(tenantId, id, ifMatch, cancellationToken);
        await deliveries.DeleteSubscriptionAsync(tenantId, id, cancellationToken);
    }

    /// <summary>Queues a <c>webhook.test</c> event to this subscription alone (also when it is disabled: that is how to check a fix).</summary>
    public async Task<WebhookDelivery> SendTestAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var subscription = (await subscriptions.GetRequiredAsync(tenantId, id, cancellationToken)).Value;
        var now = time.GetUtcNow();
        var test = WebhookEvent.Of("evt_" + Ids.New(), tenantId, WebhookEventTypes.Test, now, new { webhookId = subscription.Id, message = "A test event from LiveServerless." });
        var delivery = WebhookDelivery.Create(tenantId, subscription.Id, test, now);
        await deliveries.AddIfNewAsync(delivery, cancellationToken);
        return delivery;
    }

    public async Task<Page<WebhookDelivery>> DeliveriesAsync(string tenantId, string id, PageRequest page, CancellationToken cancellationToken)
    {
        await subscriptions.GetRequiredAsync(tenantId, id, cancellationToken);
        return (await deliveries.ListAsync(tenantId, id, page, cancellationToken)).Map(v => v.Value);
    }

    /// <summary>Sends a delivery again now, with a fresh day of retries; a pending one is simply made due now.</summary>
    public async Task<WebhookDelivery> RetryAsync(string tenantId, string id, string deliveryId, CancellationToken cancellationToken)
    {
        await subscriptions.GetRequiredAsync(tenantId, id, cancellationToken);
        var delivery = (await deliveries.GetRequiredAsync(tenantId, id, deliveryId, cancellationToken)).Value.Retry(time.GetUtcNow());
        await deliveries.ScheduleAsync(delivery, time.GetUtcNow(), cancellationToken);
        await deliveries.SaveAsync(delivery, cancellationToken);
        return delivery;
    }
}
