using System.Text.Json;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.Streaming;

namespace LiveServerless.Functions.Webhooks;

/// <summary>A dead-lettered event of a tenant becomes that tenant's <c>deadletter.created</c> webhook (keyed by the letter).</summary>
public sealed class WebhookDeadLetterObserver(WebhookOutbox outbox) : IDeadLetterObserver
{
    public async Task DeadLetteredAsync(string scope, DeadLetter letter, Interaction? interaction, CancellationToken cancellationToken)
    {
        if (interaction is not { TenantId.Length: > 0 })
        {
            return;
        }

        var type = JsonSerializer.SerializeToElement(interaction.Type, StorageJson.Options).ToString();
        await outbox.RecordAsync(
            WebhookEvents.DeadLetterCreated(interaction.TenantId, scope, letter.PartitionId, letter.SequenceNumber, interaction.Id, type, letter.Reason, letter.At),
            cancellationToken);
    }
}
