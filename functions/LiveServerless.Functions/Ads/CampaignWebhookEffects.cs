using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Webhooks;

namespace LiveServerless.Functions.Ads;

/// <summary>A campaign.ended/campaign.budget_exhausted intent happened if the campaign has ended.</summary>
public sealed class CampaignWebhookEffects(CampaignStore campaigns) : IWebhookEffectCheck
{
    public IReadOnlyCollection<string> EventTypes { get; } = [WebhookEventTypes.CampaignEnded, WebhookEventTypes.CampaignBudgetExhausted];

    public async Task<bool> HasHappenedAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        try
        {
            var campaign = await campaigns.GetRequiredAsync(webhookEvent.TenantId, webhookEvent.Text("campaignId"), cancellationToken);
            return campaign.Value.Status == CampaignStatus.Ended;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
