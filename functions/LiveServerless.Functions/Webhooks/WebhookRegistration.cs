using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Webhooks;

public static class WebhookRegistration
{
    /// <summary>
    /// Subscriptions, the outbox and its relay checks, the dispatcher with its SSRF-safe HTTP client, and the stream handler (gifts,
    /// follows) and the dead-letter observer. The other event sources and the relay's effect checks are plug-ins that AppServices
    /// registers with the capabilities they belong to (room log, rooms, wallets, campaigns, erasure).
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton(sp => DeliveryPolicy.Default with { FirstDelay = sp.GetRequiredService<IOptions<WebhooksOptions>>().Value.FirstRetryDelay });
        services.AddSingleton<WebhookSubscriptionStore>().AddSingleton<WebhookDeliveryStore>().AddSingleton<WebhookOutbox>().AddSingleton<WebhookService>();
        services.AddHttpClient<WebhookSender>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookSender.CreateHandler(sp.GetRequiredService<IOptions<WebhooksOptions>>()));
        services.AddHostedService<WebhookDispatcher>();
        services.AddSingleton<IInteractionBatchHandler, WebhookStreamHandler>().AddSingleton<IDeadLetterObserver, WebhookDeadLetterObserver>();
        return services;
    }
}
