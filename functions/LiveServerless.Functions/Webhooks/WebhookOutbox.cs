using System.Globalization;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Storage;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Webhooks;

/// <summary>An event recorded before the write that causes it, with the minute bucket it sits in.</summary>
public sealed record OutboxIntent(string Bucket, WebhookEvent Event);

/// <summary>
/// The durable outbox of webhook events. Two ways in, both at least once and never for an effect that did not happen:
/// <list type="bullet">
/// <item>Work that is itself repeated until it succeeds (stream handlers, erasure steps, dead-lettering) calls
/// <see cref="RecordAsync"/> after its effect: a crash repeats both, and the event's derived id makes the repeat add nothing.</item>
/// <item>A request's write is wrapped: <see cref="BeginAsync"/> records the event (table <c>webhookoutbox</c>) before the write,
/// <see cref="CompleteAsync"/> turns it into deliveries after it. If the request dies in between, <see cref="RelayAsync"/> finds the
/// intent a minute later and asks the type's <see cref="IWebhookEffectCheck"/> whether the write happened: deliveries if it did,
/// dropped if it did not.</item>
/// </list>
/// Recording means one delivery per subscription that wants the event (<see cref="WebhookDispatcher"/> sends them).
/// </summary>
public sealed partial class WebhookOutbox(
    TableProvider tables,
    WebhookSubscriptionStore subscriptions,
    WebhookDeliveryStore deliveries,
    IEnumerable<IWebhookEffectCheck> checks,
    TimeProvider time,
    ILogger<WebhookOutbox> logger)
{
    /// <summary>How long an intent waits before the relay assumes its request died (requests end long before).</summary>
    public static readonly TimeSpan RelayAfter = TimeSpan.FromMinutes(1);

    private readonly DocumentTable<WebhookEvent> _intents = new(tables, TableNames.WebhookOutbox, "Webhook event");

    private readonly Dictionary<string, IWebhookEffectCheck> _checks =
        checks.SelectMany(c => c.EventTypes, (check, type) => (check, type)).ToDictionary(c => c.type, c => c.check, StringComparer.Ordinal);

    /// <summary>One delivery of the event per subscription of its tenant that wants it; adding what exists already is a no-op.</summary>
    public Task<int> RecordAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken) => RecordAsync([webhookEvent], cancellationToken);

    /// <summary>The same for several events, reading each tenant's subscriptions once.</summary>
    public async Task<int> RecordAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken)
    {
        var added = 0;
        var now = time.GetUtcNow();
        foreach (var tenantEvents in events.GroupBy(e => e.TenantId, StringComparer.Ordinal))
        {
            var tenantSubscriptions = await subscriptions.AllAsync(tenantEvents.Key, cancellationToken);
            foreach (var webhookEvent in tenantEvents)
            {
                foreach (var subscription in tenantSubscriptions.Where(s => s.Wants(webhookEvent.Type, webhookEvent.OccurredAt)))
                {
                    if (await deliveries.AddIfNewAsync(WebhookDelivery.Create(webhookEvent.TenantId, subscription.Id, webhookEvent, now), cancellationToken))
                    {
                        added++;
                    }
                }
            }
        }

        return added;
    }

    /// <summary>Records the event before the write that causes it. Throws if it cannot: then the write must not happen either.</summary>
    public async Task<OutboxIntent> BeginAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        if (!_checks.ContainsKey(webhookEvent.Type))
        {
            throw new InvalidOperationException($"No effect check is registered for '{webhookEvent.Type}'; the relay could not finish its intents.");
        }

        var intent = new OutboxIntent(BucketOf(time.GetUtcNow()), webhookEvent);
        await _intents.UpsertAsync(intent.Bucket, Row(webhookEvent), webhookEvent, columns: null, cancellationToken);
        return intent;
    }

    /// <summary>
    /// After the write: delivers the event and clears the intent. Never throws — the write has happened and its answer must not
    /// fail; whatever is left undone here the relay finishes.
    /// </summary>
    public async Task CompleteAsync(OutboxIntent intent)
    {
        try
        {
            await RecordAsync(intent.Event, CancellationToken.None);
            await _intents.DeleteIfExistsAsync(intent.Bucket, Row(intent.Event), CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogLeftToRelay(exception, intent.Event.Type, intent.Event.Id);
        }
    }

    /// <summary>After a write that failed: drops the intent (if this fails too, the relay's check drops it).</summary>
    public async Task AbandonAsync(OutboxIntent intent)
    {
        try
        {
            await _intents.DeleteIfExistsAsync(intent.Bucket, Row(intent.Event), CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogLeftToRelay(exception, intent.Event.Type, intent.Event.Id);
        }
    }

    /// <summary>Runs <paramref name="write"/> between <see cref="BeginAsync"/> and <see cref="CompleteAsync"/> (or <see cref="AbandonAsync"/> if it throws).</summary>
    public async Task<T> AroundAsync<T>(WebhookEvent webhookEvent, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var intent = await BeginAsync(webhookEvent, cancellationToken);
        T result;
        try
        {
            result = await write();
        }
        catch
        {
            await AbandonAsync(intent);
            throw;
        }

        await CompleteAsync(intent);
        return result;
    }

    /// <summary>Finishes intents older than <see cref="RelayAfter"/>: delivered when their write happened, dropped when not. Returns how many were delivered.</summary>
    public async Task<int> RelayAsync(CancellationToken cancellationToken)
    {
        var relayed = 0;
        var filter = Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey lt {BucketOf(time.GetUtcNow() - RelayAfter)}");
        await foreach (var (bucket, row, webhookEvent) in _intents.ScanWithKeysAsync(filter, cancellationToken))
        {
            if (_checks.TryGetValue(webhookEvent.Type, out var check) && await check.HasHappenedAsync(webhookEvent, cancellationToken))
            {
                await RecordAsync(webhookEvent, cancellationToken);
                relayed++;
                LogRelayed(webhookEvent.Type, webhookEvent.Id);
            }
            else
            {
                LogDropped(webhookEvent.Type, webhookEvent.Id);
            }

            await _intents.DeleteIfExistsAsync(bucket, row, cancellationToken);
        }

        return relayed;
    }

    private static string BucketOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    private static string Row(WebhookEvent webhookEvent) => TableNames.Scoped(webhookEvent.TenantId, webhookEvent.Id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook event {Type} {EventId} could not be delivered to the outbox now; the relay will finish it")]
    private partial void LogLeftToRelay(Exception exception, string type, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relayed webhook event {Type} {EventId}: its request stopped after the write")]
    private partial void LogRelayed(string type, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped webhook event {Type} {EventId}: its write never happened")]
    private partial void LogDropped(string type, string eventId);
}
