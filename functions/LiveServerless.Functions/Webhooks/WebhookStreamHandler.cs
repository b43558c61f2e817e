using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Streaming;

namespace LiveServerless.Functions.Webhooks;

/// <summary>
/// <c>gift.sent</c> and <c>follow.created</c> come from the stream: a gift on the stream has been paid for, a follow on it is new.
/// The stream event's id is the webhook-id, so a replayed batch records nothing new (the deliveries exist), and the checkpoint moves
/// only after the deliveries are written — at least once, never for an event that was not accepted.
/// </summary>
public sealed class WebhookStreamHandler(WebhookOutbox outbox) : IInteractionBatchHandler
{
    public string Name => "webhooks";

    public async Task HandleAsync(InteractionBatch batch, CancellationToken cancellationToken)
    {
        var events = batch.Events.Select(e => e.Interaction).Select(ToWebhookEvent).OfType<WebhookEvent>().ToArray();
        if (events.Length > 0)
        {
            await outbox.RecordAsync(events, cancellationToken);
        }
    }

    public static WebhookEvent? ToWebhookEvent(Interaction interaction) => interaction.Type switch
    {
        InteractionType.Gift => WebhookEvent.Of(interaction.Id, interaction.TenantId, WebhookEventTypes.GiftSent, interaction.OccurredAt, new
        {
            roomId = interaction.RoomId,
            userId = interaction.UserId,
            hostUserId = interaction.HostUserId,
            giftId = interaction.GiftId,
            count = interaction.Count,
            unitPrice = interaction.UnitValue,
            value = interaction.GiftValue,
        }),
        InteractionType.Follow => WebhookEvent.Of(interaction.Id, interaction.TenantId, WebhookEventTypes.FollowCreated, interaction.OccurredAt, new
        {
            userId = interaction.UserId,
            hostUserId = interaction.HostUserId,
            roomId = interaction.RoomId,
        }),
        _ => null,
    };
}
