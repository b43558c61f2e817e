using System.Text.Json;
using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Ads;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Economy;
using LiveServerless.Functions.Erasure;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Webhooks;

public static class WebhookRegistration
{
    /// <summary>Adds the check the relay asks for intents of <paramref name="eventType"/> (events recorded before a request's write).</summary>
    public static IServiceCollection AddWebhookEffectCheck(
        this IServiceCollection services, string eventType, Func<IServiceProvider, Func<WebhookEvent, CancellationToken, Task<bool>>> check) =>
        services.AddSingleton(sp => new WebhookEffectCheck(eventType, check(sp)));

    /// <summary>
    /// Subscriptions, the outbox and its relay checks, the dispatcher with its SSRF-safe HTTP client, and the event sources that are
    /// plug-ins: the stream handler (gifts, follows), the room-log observer and sweeper (chat, moderation) and the erasure step
    /// (registered after every other step, so it runs last).
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton(sp => DeliveryPolicy.Default with { FirstDelay = sp.GetRequiredService<IOptions<WebhooksOptions>>().Value.FirstRetryDelay });
        services.AddSingleton<WebhookSubscriptionStore>().AddSingleton<WebhookDeliveryStore>().AddSingleton<WebhookOutbox>().AddSingleton<WebhookService>();
        services.AddHttpClient<WebhookSender>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookSender.CreateHandler(sp.GetRequiredService<IOptions<WebhooksOptions>>()));
        services.AddHostedService<WebhookDispatcher>();
        services.AddSingleton<IInteractionBatchHandler, WebhookStreamHandler>();
        services.AddSingleton<RoomLogWebhooks>().AddSingleton<WebhookRoomLogObserver>();
        services.AddSingleton<IRoomLogObserver>(sp => sp.GetRequiredService<WebhookRoomLogObserver>());
        services.AddHostedService(sp => sp.GetRequiredService<WebhookRoomLogObserver>());
        services.AddHostedService<RoomLogWebhookSweeper>();

        services.AddWebhookEffectCheck(WebhookEventTypes.RoomStarted, sp => async (e, token) =>
            (await sp.GetRequiredService<RoomStore>().GetAsync(e.TenantId, Text(e, "roomId"), token))?.Value.StartedAt == Time(e, "startedAt"));
        services.AddWebhookEffectCheck(WebhookEventTypes.RoomEnded, sp => async (e, token) =>
            (await sp.GetRequiredService<RoomStore>().GetAsync(e.TenantId, Text(e, "roomId"), token))?.Value.EndedAt == Time(e, "endedAt"));
        services.AddWebhookEffectCheck(WebhookEventTypes.WalletCredited, sp => (e, token) =>
            sp.GetRequiredService<WalletStore>().IsCreditedAsync(e.TenantId, Text(e, "userId"), Text(e, "reference"), token));
        services.AddWebhookEffectCheck(WebhookEventTypes.CampaignEnded, sp => (e, token) => IsEndedAsync(sp, e, token));
        services.AddWebhookEffectCheck(WebhookEventTypes.CampaignBudgetExhausted, sp => (e, token) => IsEndedAsync(sp, e, token));

        services.AddErasureStep("webhooks", sp => async (tenantId, userId, token) =>
        {
            var job = await sp.GetRequiredService<ErasureStore>().GetAsync(tenantId, userId, token);
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            await sp.GetRequiredService<WebhookOutbox>().RecordAsync(WebhookEvents.UserErased(tenantId, userId, job?.RequestedAt ?? now, now), token);
        });
        return services;
    }

    private static async Task<bool> IsEndedAsync(IServiceProvider services, WebhookEvent e, CancellationToken cancellationToken)
    {
        try
        {
            var campaign = await services.GetRequiredService<CampaignStore>().GetRequiredAsync(e.TenantId, Text(e, "campaignId"), cancellationToken);
            return campaign.Value.Status == CampaignStatus.Ended;
        }
        catch (Domain.Common.NotFoundException)
        {
            return false;
        }
    }

    private static string Text(WebhookEvent e, string name) => e.Data.GetProperty(name).GetString()!;

    private static DateTimeOffset? Time(WebhookEvent e, string name) =>
        e.Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;
}
