using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Limits;
using LiveServerless.Functions.Usage;
using Microsoft.Extensions.Logging;
using LiveServerless.Functions.Metering;

namespace LiveServerless.Functions.Webhooks;

/// <summary>
/// Sends due deliveries, on every instance, every second. Each delivery is claimed first (an ETag-guarded move of its due time), so
/// one instance sends it; a claim that is never finished (the instance died) expires after <see cref="ClaimFor"/> and the delivery
/// is sent again — at least once, deduplicated by the receiver through <c>webhook-id</c>. Ordering is best effort: deliveries are
/// sent as they fall due, several at a time.
/// </summary>
public sealed partial class WebhookDispatcher(
    WebhookDeliveryStore deliveries,
    WebhookSubscriptionStore subscriptions,
    WebhookSender sender,
    DeliveryPolicy policy,
    SharedRateLimiter limiter,
    TenantQuotas quotas,
    UsageMeter usage,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : PeriodicWorker(time, logger)
{
    /// <summary>Longer than an attempt can take (5 s timeout plus storage writes).</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromSeconds(60);

    /// <summary>An index row without its delivery this old was left by a fan-out that never finished; younger ones may be mid-write.</summary>
    private static readonly TimeSpan OrphanAfter = TimeSpan.FromMinutes(2);

    private const int MaxPerRound = 64;

    private const int Parallelism = 8;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var due = new List<DueDelivery>();
        await foreach (var row in deliveries.DueAsync(now, MaxPerRound, cancellationToken))
        {
            due.Add(row);
        }

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (row, token) =>
        {
            try
            {
                await DeliverAsync(row, token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
            {
                // The claim expires and the delivery is tried again; one delivery's trouble never stops the others.
                LogDeliveryFailed(exception, row.DeliveryId, row.SubscriptionId);
            }
        });
    }

    /// <summary>One attempt at one due delivery, start to finish; public so a test can drive a round without waiting for the timer.</summary>
    public async Task DeliverAsync(DueDelivery due, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        if (!await deliveries.TryClaimAsync(due, now + ClaimFor, cancellationToken))
        {
            return;
        }

        var stored = await deliveries.GetAsync(due.TenantId, due.SubscriptionId, due.DeliveryId, cancellationToken);
        if (stored is null)
        {
            if (now - due.DueAt > OrphanAfter)
            {
                await deliveries.UnscheduleAsync(due.TenantId, due.SubscriptionId, due.DeliveryId, cancellationToken);
            }

            return;
        }

        var delivery = stored.Value;
        if (delivery.Status != WebhookDeliveryStatus.Pending)
        {
            await deliveries.UnscheduleAsync(due.TenantId, due.SubscriptionId, due.DeliveryId, cancellationToken);
            return;
        }

        var subscription = (await subscriptions.GetAsync(due.TenantId, due.SubscriptionId, cancellationToken))?.Value;
        if (subscription is not { Enabled: true })
        {
            // A deleted subscription's log is gone with it; a disabled one's keeps the reason the delivery was given up.
            if (subscription is not null)
            {
                await deliveries.SaveAsync(delivery.Abandon(now, "the subscription is disabled: " + subscription.DisabledReason), cancellationToken);
            }

            await deliveries.UnscheduleAsync(due.TenantId, due.SubscriptionId, due.DeliveryId, cancellationToken);
            return;
        }

        try
        {
            await limiter.TakeAsync(await quotas.WebhookDeliveriesAsync(due.TenantId, cancellationToken), due.TenantId, 1, "webhook quota", cancellationToken);
        }
        catch (Domain.Common.RateLimitedException limited)
        {
            // Over the tenant's delivery quota: the delivery waits its turn without spending an attempt.
            await deliveries.ScheduleAsync(delivery, now + limited.RetryAfter, cancellationToken);
            return;
        }

        var result = await sender.SendAsync(subscription, delivery, cancellationToken);
        var next = delivery.After(result.Attempt, result.RetryAfter, policy, Random.Shared.NextDouble());
        await deliveries.SaveAsync(next, cancellationToken);
        usage.Count(due.TenantId, UsageCounter.WebhookDeliveries);
        var delivered = next.Status == WebhookDeliveryStatus.Delivered;
        if (subscription.AfterAttempt(delivered, result.Attempt.At, policy) != subscription)
        {
            await subscriptions.UpdateAsync(due.TenantId, due.SubscriptionId, s => s.AfterAttempt(delivered, result.Attempt.At, policy), ifMatch: null, cancellationToken);
        }

        if (next is { Status: WebhookDeliveryStatus.Pending, NextAttemptAt: { } nextAt })
        {
            await deliveries.ScheduleAsync(next, nextAt, cancellationToken);
        }
        else
        {
            await deliveries.UnscheduleAsync(due.TenantId, due.SubscriptionId, due.DeliveryId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} of subscription {SubscriptionId} failed in the dispatcher; it is tried again")]
    private partial void LogDeliveryFailed(Exception exception, string deliveryId, string subscriptionId);
}
