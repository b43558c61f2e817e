using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Erasure;
using LiveServerless.Functions.Streaming;

namespace LiveServerless.Functions.Economy;

/// <summary>
/// Credits each host's earnings from the gifts on the stream: one wallet transaction per host per batch (up to 99 gifts), exactly once
/// by the wallet's per-partition watermarks. The sender was debited before the gift was published, so every gift here is paid for.
/// A host being erased (or erased) earns nothing more: their wallet has moved to an anonymous partition and must not come back.
/// </summary>
public sealed class EarningsHandler(WalletStore wallets, ErasedUserFilter erasedUsers, TimeProvider time) : IInteractionBatchHandler
{
    public string Name => "earnings";

    public async Task HandleAsync(InteractionBatch batch, CancellationToken cancellationToken)
    {
        var gifts = batch.Events.Where(e => e.Interaction is { Type: InteractionType.Gift, HostUserId: not null });
        foreach (var host in gifts.GroupBy(e => (e.Interaction.TenantId, HostUserId: e.Interaction.HostUserId!)))
        {
            var earning = await erasedUsers.NotErasingAsync(host.Key.TenantId, host.Key.HostUserId, [.. host], cancellationToken);
            if (earning.Count > 0)
            {
                await wallets.EarnAsync(host.Key.TenantId, host.Key.HostUserId, earning, time.GetUtcNow(), cancellationToken);
            }
        }
    }
}
