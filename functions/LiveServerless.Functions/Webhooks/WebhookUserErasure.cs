using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Erasure;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Webhooks;

/// <summary>The erasure's last step: subscribers hear <c>user.erased</c> once every store has forgotten the user.</summary>
public sealed class WebhookUserErasure(ErasureStore jobs, WebhookOutbox outbox, TimeProvider time) : IUserDataEraser
{
    public string Store => "webhooks";

    public async Task EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(tenantId, userId, cancellationToken);
        var now = time.GetUtcNow();
        await outbox.RecordAsync(WebhookEvents.UserErased(tenantId, userId, job?.RequestedAt ?? now, now), cancellationToken);
    }
}
