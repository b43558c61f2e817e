using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Webhooks;

namespace LiveServerless.Functions.Economy;

/// <summary>A wallet.credited intent happened if the wallet holds a credit with the event's reference.</summary>
public sealed class WalletWebhookEffects(WalletStore wallets) : IWebhookEffectCheck
{
    public IReadOnlyCollection<string> EventTypes { get; } = [WebhookEventTypes.WalletCredited];

    public Task<bool> HasHappenedAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        wallets.IsCreditedAsync(webhookEvent.TenantId, webhookEvent.Text("userId"), webhookEvent.Text("reference"), cancellationToken);
}
