using System.Text.Json;
using LiveServerless.Domain.Webhooks;

namespace LiveServerless.Functions.Webhooks;

/// <summary>
/// Asks whether the write an intent announced really happened (the room is live since the intent's time, the credit's reference is
/// in the wallet…), for intents whose request stopped before completing them. The capability that records an event type with an
/// intent implements the check next to its store, so webhooks need nothing of rooms, wallets or campaigns.
/// </summary>
public interface IWebhookEffectCheck
{
    /// <summary>The event types recorded with an intent that this check answers for.</summary>
    IReadOnlyCollection<string> EventTypes { get; }

    Task<bool> HasHappenedAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken);
}

/// <summary>Reads the members of an event's data that effect checks compare with the store.</summary>
public static class WebhookEventData
{
    public static string Text(this WebhookEvent webhookEvent, string name) => webhookEvent.Data.GetProperty(name).GetString()!;

    public static DateTimeOffset? Time(this WebhookEvent webhookEvent, string name) =>
        webhookEvent.Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;
}
