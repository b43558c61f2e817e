using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Streaming;
using LiveServerless.Functions.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Ads;

/// <summary>
/// The pacing timer's work, every slot: for each campaign that has not ended, settle its leases, step its throttle towards the plan,
/// and end it when its flight is over or its budget cannot pay one more impression. Ticking twice in a slot changes nothing, so
/// overlapping runs on several instances are harmless (their writes are guarded by ETags and redone on a conflict).
/// </summary>
public sealed partial class PacingService(
    CampaignStore campaigns,
    CampaignDeliveryStore deliveries,
    StreamProgress progress,
    IOptions<AdServingOptions> serving,
    WebhookOutbox webhooks,
    TimeProvider time,
    ILogger<PacingService> logger)
{
    private readonly AdServingOptions settings = serving.Value;

    /// <summary>Ticks every campaign; returns how many ended. One campaign's failure is logged and the others go on.</summary>
    public async Task<int> TickAllAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var processedUntil = await progress.ProcessedUntilAsync(cancellationToken);
        var settledUntil = processedUntil == DateTimeOffset.MinValue ? processedUntil : processedUntil - settings.SettlementMargin;
        var ended = 0;
        await Parallel.ForEachAsync(
            campaigns.NotEndedAsync(cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
            async (row, token) =>
            {
                try
                {
                    if (await TickAsync(row.Document.Value, settledUntil, now, token))
                    {
                        Interlocked.Increment(ref ended);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    LogTickFailed(exception, row.Document.Value.Id);
                }
            });
        return ended;
    }

    /// <summary>Plans and ends with the budgets grants obey (the delivery's fence); true when the campaign ended.</summary>
    private async Task<bool> TickAsync(Campaign campaign, DateTimeOffset settledUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now < campaign.StartsAt)
        {
            // Before its flight a campaign has no leases to settle (none is granted) and nothing to pace: no write.
            return false;
        }

        var ticked = await deliveries.UpdateAsync(campaign.TenantId, campaign.Id, document =>
        {
            var (_, delivery) = PacingController.Tick(document.Limit(campaign), document.Delivery, TrafficCurve.Default, settledUntil, now);
            return document with { Delivery = delivery };
        }, cancellationToken);

        if (campaign.EndIfFinished(ticked.Delivery, now).Status != CampaignStatus.Ended)
        {
            return false;
        }

        // campaign.ended (and campaign.budget_exhausted) are recorded before the end is written and delivered after it; ids derived
        // from the campaign make a concurrent tick on another instance, or the relay, name the same events.
        var exhausted = campaign.IsBudgetExhausted(ticked.Delivery);
        WebhookEvent[] events = exhausted
            ? [WebhookEvents.CampaignBudgetExhausted(campaign, ticked.Delivery.Spend, now), WebhookEvents.CampaignEnded(campaign, exhausted, ticked.Delivery.Spend, now)]
            : [WebhookEvents.CampaignEnded(campaign, exhausted, ticked.Delivery.Spend, now)];
        var intents = new List<OutboxIntent>();
        foreach (var webhookEvent in events)
        {
            intents.Add(await webhooks.BeginAsync(webhookEvent, cancellationToken));
        }

        // Re-applied to the stored campaign, so a concurrent PATCH (say, a higher budget) is judged too.
        var stored = await campaigns.UpdateAsync(campaign.TenantId, campaign.Id, current => current.EndIfFinished(ticked.Delivery, now), ifMatch: null, cancellationToken);
        var ended = stored.Value.Status == CampaignStatus.Ended;
        foreach (var intent in intents)
        {
            await (ended ? webhooks.CompleteAsync(intent) : webhooks.AbandonAsync(intent));
        }

        return ended;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pacing tick of campaign {CampaignId} failed; the next tick catches up")]
    private partial void LogTickFailed(Exception exception, string campaignId);
}
