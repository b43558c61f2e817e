using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Ads;

/// <summary>Partner routes for a tenant's ad campaigns and their reports (scope <c>ads</c>).</summary>
public sealed class CampaignFunctions(RequestGuard guard, CampaignService campaigns)
{
    [Function(nameof(CreateCampaign))]
    public async Task<IActionResult> CreateCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "campaigns")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var body = await request.ReadJsonAsync<CreateCampaignRequest>(cancellationToken);
        var campaign = await campaigns.CreateAsync(partner.TenantId, body.ToDraft(), cancellationToken);
        return ApiResult.Created($"/api/campaigns/{campaign.Campaign.Value.Id}", CampaignResponse.From(campaign), campaign.Campaign.ETag);
    }

    [Function(nameof(ListCampaigns))]
    public async Task<IActionResult> ListCampaigns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "campaigns")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var page = await campaigns.ListAsync(partner.TenantId, request.Page(), cancellationToken);
        return ApiResult.Ok(ListResponse.Of(page, CampaignResponse.From));
    }

    [Function(nameof(GetCampaign))]
    public async Task<IActionResult> GetCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "campaigns/{campaignId}")] HttpRequest request, string campaignId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var campaign = await campaigns.GetAsync(partner.TenantId, RequestQuery.RouteId(nameof(campaignId), campaignId), cancellationToken);
        return ApiResult.Ok(CampaignResponse.From(campaign), campaign.Campaign.ETag);
    }

    [Function(nameof(UpdateCampaign))]
    public async Task<IActionResult> UpdateCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "campaigns/{campaignId}")] HttpRequest request, string campaignId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var id = RequestQuery.RouteId(nameof(campaignId), campaignId);
        var body = await request.ReadJsonAsync<UpdateCampaignRequest>(cancellationToken);
        var campaign = await campaigns.UpdateAsync(partner.TenantId, id, body.ToChanges, request.IfMatch(), cancellationToken);
        return ApiResult.Ok(CampaignResponse.From(campaign), campaign.Campaign.ETag);
    }

    [Function(nameof(PauseCampaign))]
    public async Task<IActionResult> PauseCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "campaigns/{campaignId}/pause")] HttpRequest request, string campaignId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var campaign = await campaigns.PauseAsync(partner.TenantId, RequestQuery.RouteId(nameof(campaignId), campaignId), request.IfMatch(), cancellationToken);
        return ApiResult.Ok(CampaignResponse.From(campaign), campaign.Campaign.ETag);
    }

    [Function(nameof(ResumeCampaign))]
    public async Task<IActionResult> ResumeCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "campaigns/{campaignId}/resume")] HttpRequest request, string campaignId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var campaign = await campaigns.ResumeAsync(partner.TenantId, RequestQuery.RouteId(nameof(campaignId), campaignId), request.IfMatch(), cancellationToken);
        return ApiResult.Ok(CampaignResponse.From(campaign), campaign.Campaign.ETag);
    }

    [Function(nameof(GetCampaignReport))]
    public async Task<IActionResult> GetCampaignReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "campaigns/{campaignId}/report")] HttpRequest request, string campaignId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var report = await campaigns.ReportAsync(partner.TenantId, RequestQuery.RouteId(nameof(campaignId), campaignId), cancellationToken);
        return ApiResult.Ok(CampaignReportResponse.From(report));
    }
}
