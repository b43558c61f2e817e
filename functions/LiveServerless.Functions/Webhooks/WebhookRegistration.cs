using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Webhooks;

public static class WebhookRegistration
{
    /// <summary>
    /// Subscriptions, the outbox and its relay checks, the dispatcher with its SSRF-safe HTTP client, and the event sources that are
    /// plug-ins: the stream handler (gifts, follows), the room-log observer and sweeper (chat, moderation). The effect checks of intents and the
    /// <c>user.erased</c> erasure step are plug-ins AppServices registers with the capabilities they belong to.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton(sp => DeliveryPolicy.Default with { FirstDelay = sp.GetRequiredService<IOptions<WebhooksOptions>>().Value.FirstRetryDelay });
        services.AddSingleton<WebhookSubscriptionStore>().AddSingleton<WebhookDeliveryStore>().AddSingleton<WebhookOutbox>().AddSingleton<WebhookService>();
        services.AddHttpClient<WebhookSender>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookSender.CreateHandler(sp.GetRequiredService<IOptions<WebhooksOptions>>()));
        services.AddHostedService<WebhookDispatcher>();
        services.AddSingleton<IInteractionBatchHandler, WebhookStreamHandler>().AddSingleton<IDeadLetterObserver, WebhookDeadLetterObserver>();
        services.AddSingleton<RoomLogWebhooks>().AddSingleton<WebhookRoomLogObserver>();
        services.AddSingleton<IRoomLogObserver>(sp => sp.GetRequiredService<WebhookRoomLogObserver>());
        services.AddHostedService(sp => sp.GetRequiredService<WebhookRoomLogObserver>());
        services.AddHostedService<RoomLogWebhookSweeper>();

        return services;
    }
}
