using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Webhooks;

/// <summary>
/// Partner routes for webhook subscriptions (scope <c>webhooks</c>): subscribe, read, change, delete, send a test event, read the
/// delivery log and retry a delivery. The relay timer that finishes intents of stopped requests lives here too.
/// </summary>
public sealed class WebhookFunctions(RequestGuard guard, WebhookService webhooks, WebhookOutbox outbox)
{
    [Function(nameof(CreateWebhook))]
    public async Task<IResult> CreateWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Webhooks, cancellationToken);
        var body = await request.ReadJsonAsync<CreateWebhookRequest>(cancellationToken);
        var subscription = await webhooks.CreateAsync(partner.TenantId, body.ToDraft(), cancellationToken);
        return TypedResults.Created($"/api/webhooks/{subscription.Id}", CreatedWebhookResponse.From(subscription));
    }

    [Function(nameof(ListWebhooks))]
    public async Task<IResult> ListWebhooks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Webhooks, cancellationToken);
        var page = await webhooks.ListAsync(partner.TenantId, request.Page(), cancellationToken);
        return TypedResults.Ok(ListResponse.Of(page, v => WebhookResponse.From(v.Value)));
    }

    [Function(nameof(GetWebhook))]
    public async Task<IResult> GetWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{webhookId}")] HttpRequest request, string webhookId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Webhooks, cancellationToken);
        var subscription = await webhooks.GetAsync(partner.TenantId, RequestQuery.RouteId(nameof(webhookId), webhookId), cancellationToken);
        request.HttpContext.Response.SetETag(subscription.ETag);
        return TypedResults.Ok(WebhookResponse.From(subscription.Value));
    }

    [Function(nameof(UpdateWebhook))]
    public async Task<IResult> UpdateWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "webhooks/{webhookId}")] HttpRequest request, string webhookId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Webhooks, cancellationToken);
        var id = RequestQuery.RouteId(nameof(webhookId), webhookId);
        var body = await request.ReadJsonAsync<UpdateWebhookRequest>(cancellationToken);
        var subscription = await webhooks.UpdateAsync(partner.TenantId, id, body.ToChanges(), request.IfMatch(), cancellationToken);
        request.HttpContext.Response.SetETag(subscription.ETag);
        return TypedResults.Ok(WebhookResponse.From(subscription.Value));
    }

    [Function(nameof(DeleteWebhook))]
    public async Task<IResult> DeleteWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "webhooks/{webhookId}")] HttpRequest request, string webhookId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Webhooks, cancellationToken);
        await webhooks.DeleteAsync(partner.TenantId, RequestQuery.RouteId(nameof(webhookId), webhookId), request.IfMatch(), cancellationToken);
        return TypedResults.NoContent();
    }

    [Function(nameof(TestWebhook))]
    public async Task<IResult> TestWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{webhookId}/test")] HttpRequest request, string webhookId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Webhooks, cancellationToken);
        var delivery = await webhooks.SendTestAsync(partner.TenantId, RequestQuery.RouteId(nameof(webhookId), webhookId), cancellationToken);
        return TypedResults.Accepted((string?)null, DeliveryResponse.From(delivery));
    }

    [Function(nameof(ListWebhookDeliveries))]
    public async Task<IResult> ListWebhookDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "webhooks/{webhookId}/deliveries")] HttpRequest request, string webhookId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Webhooks, cancellationToken);
        var page = await webhooks.DeliveriesAsync(partner.TenantId, RequestQuery.RouteId(nameof(webhookId), webhookId), request.Page(), cancellationToken);
        return TypedResults.Ok(ListResponse.Of(page, DeliveryResponse.From));
    }

    [Function(nameof(RetryWebhookDelivery))]
    public async Task<IResult> RetryWebhookDelivery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/{webhookId}/deliveries/{deliveryId}/retry")] HttpRequest request,
        string webhookId,
        string deliveryId,
        CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Webhooks, cancellationToken);
        var delivery = await webhooks.RetryAsync(
            partner.TenantId, RequestQuery.RouteId(nameof(webhookId), webhookId), RequestQuery.RouteId(nameof(deliveryId), deliveryId), cancellationToken);
        return TypedResults.Accepted((string?)null, DeliveryResponse.From(delivery));
    }

    [Function(nameof(RelayWebhookEvents))]
    public Task RelayWebhookEvents([TimerTrigger("15 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        outbox.RelayAsync(cancellationToken);
}
