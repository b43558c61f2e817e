using LiveServerless.Domain.Tenants;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LiveServerless.Functions.Ads;

/// <summary>Partner routes for a tenant's ad campaigns and their reports (scope <c>ads</c>).</summary>
public sealed class CampaignFunctions(RequestGuard guard, CampaignService campaigns)
{
    [Function(nameof(CreateCampaign))]
    public async Task<IResult> CreateCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "campaigns")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var body = await request.ReadJsonAsync<CreateCampaignRequest>(cancellationToken);
        var campaign = await campaigns.CreateAsync(partner.TenantId, body.ToDraft(), cancellationToken);
        request.HttpContext.Response.SetETag(campaign.Campaign.ETag);
        return TypedResults.Created($"/api/campaigns/{campaign.Campaign.Value.Id}", CampaignResponse.From(campaign));
    }

    [Function(nameof(ListCampaigns))]
    public async Task<IResult> ListCampaigns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "campaigns")] HttpRequest request, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var page = await campaigns.ListAsync(partner.TenantId, request.Page(), cancellationToken);
        return TypedResults.Ok(ListResponse.Of(page, CampaignResponse.From));
    }

    [Function(nameof(GetCampaign))]
    public async Task<IResult> GetCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "campaigns/{campaignId}")] HttpRequest request, string campaignId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var campaign = await campaigns.GetAsync(partner.TenantId, RequestQuery.RouteId(nameof(campaignId), campaignId), cancellationToken);
        request.HttpContext.Response.SetETag(campaign.Campaign.ETag);
        return TypedResults.Ok(CampaignResponse.From(campaign));
    }

    [Function(nameof(UpdateCampaign))]
    public async Task<IResult> UpdateCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "campaigns/{campaignId}")] HttpRequest request, string campaignId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var id = RequestQuery.RouteId(nameof(campaignId), campaignId);
        var body = await request.ReadJsonAsync<UpdateCampaignRequest>(cancellationToken);
        var campaign = await campaigns.UpdateAsync(partner.TenantId, id, body.ToChanges, request.IfMatch(), cancellationToken);
        request.HttpContext.Response.SetETag(campaign.Campaign.ETag);
        return TypedResults.Ok(CampaignResponse.From(campaign));
    }

    [Function(nameof(PauseCampaign))]
    public async Task<IResult> PauseCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "campaigns/{campaignId}/pause")] HttpRequest request, string campaignId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var campaign = await campaigns.PauseAsync(partner.TenantId, RequestQuery.RouteId(nameof(campaignId), campaignId), request.IfMatch(), cancellationToken);
        request.HttpContext.Response.SetETag(campaign.Campaign.ETag);
        return TypedResults.Ok(CampaignResponse.From(campaign));
    }

    [Function(nameof(ResumeCampaign))]
    public async Task<IResult> ResumeCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "campaigns/{campaignId}/resume")] HttpRequest request, string campaignId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var campaign = await campaigns.ResumeAsync(partner.TenantId, RequestQuery.RouteId(nameof(campaignId), campaignId), request.IfMatch(), cancellationToken);
        request.HttpContext.Response.SetETag(campaign.Campaign.ETag);
        return TypedResults.Ok(CampaignResponse.From(campaign));
    }

    [Function(nameof(GetCampaignReport))]
    public async Task<IResult> GetCampaignReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "campaigns/{campaignId}/report")] HttpRequest request, string campaignId, CancellationToken cancellationToken)
    {
        var partner = await guard.RequirePartnerAsync(request, PartnerScope.Ads, cancellationToken);
        var report = await campaigns.ReportAsync(partner.TenantId, RequestQuery.RouteId(nameof(campaignId), campaignId), cancellationToken);
        return TypedResults.Ok(CampaignReportResponse.From(report));
    }
}
