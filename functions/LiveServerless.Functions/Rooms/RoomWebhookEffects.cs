using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Webhooks;

namespace LiveServerless.Functions.Rooms;

/// <summary>A room.started/room.ended intent happened if the room's start or end time is the one the event announced.</summary>
public sealed class RoomWebhookEffects(RoomStore rooms) : IWebhookEffectCheck
{
    public IReadOnlyCollection<string> EventTypes { get; } = [WebhookEventTypes.RoomStarted, WebhookEventTypes.RoomEnded];

    public async Task<bool> HasHappenedAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var room = (await rooms.GetAsync(webhookEvent.TenantId, webhookEvent.Text("roomId"), cancellationToken))?.Value;
        return webhookEvent.Type == WebhookEventTypes.RoomStarted
            ? room?.StartedAt == webhookEvent.Time("startedAt")
            : room?.EndedAt == webhookEvent.Time("endedAt");
    }
}
