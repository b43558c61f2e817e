using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Common;

namespace LiveServerless.Functions.Ads;

/// <summary>
/// A new campaign. Ids, status, spend and the other delivery figures are not fields of this type, so a request that sends them is
/// refused (unknown field, 400): that is the mass-assignment guard.
/// </summary>
public sealed record CreateCampaignRequest(
    string? Name,
    BidType? BidType,
    decimal? Bid,
    decimal? TotalBudget,
    decimal? DailyBudget,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    TargetingDraft? Targeting,
    int? FrequencyCapPerDay,
    CreativeDraft? Creative)
{
    public NewCampaign ToDraft() => new(Name, BidType, Bid, TotalBudget, DailyBudget, StartsAt, EndsAt, Targeting, FrequencyCapPerDay, Creative);
}

/// <summary>
/// JSON merge-patch of a campaign: absent fields stay, <c>null</c> clears an optional one (<c>dailyBudget</c>, a targeting list,
/// the whole <c>targeting</c>). <c>targeting</c> and <c>creative</c> merge field by field too. The bid type is fixed at creation;
/// status changes go through pause and resume; delivery figures are read-only — none of them is a field here.
/// </summary>
public sealed record UpdateCampaignRequest
{
    public Optional<string?> Name { get; init; }

    public Optional<decimal?> Bid { get; init; }

    public Optional<decimal?> TotalBudget { get; init; }

    public Optional<decimal?> DailyBudget { get; init; }

    public Optional<DateTimeOffset?> StartsAt { get; init; }

    public Optional<DateTimeOffset?> EndsAt { get; init; }

    public Optional<TargetingPatch?> Targeting { get; init; }

    public Optional<int?> FrequencyCapPerDay { get; init; }

    public Optional<CreativePatch?> Creative { get; init; }

    /// <summary>The changes against the campaign as it is now (nested objects are merged into its current targeting and creative).</summary>
    public CampaignChanges ToChanges(Campaign current) => new(
        Name,
        Bid,
        TotalBudget,
        DailyBudget,
        StartsAt,
        EndsAt,
        Targeting.IsSet ? new Optional<TargetingDraft?>(true, Targeting.Value?.MergeInto(current.Targeting)) : default,
        FrequencyCapPerDay,
        Creative.IsSet ? new Optional<CreativeDraft?>(true, Creative.Value?.MergeInto(current.Creative)) : default);
}

public sealed record TargetingPatch
{
    public Optional<IReadOnlyList<string>?> Tags { get; init; }

    public Optional<IReadOnlyList<string>?> Segments { get; init; }

    public Optional<IReadOnlyList<string>?> Categories { get; init; }

    public TargetingDraft MergeInto(Targeting current) =>
        new(Tags.Or(current.Tags), Segments.Or(current.Segments), Categories.Or(current.Categories));
}

public sealed record CreativePatch
{
    public Optional<string?> Title { get; init; }

    public Optional<string?> ImageUrl { get; init; }

    public Optional<string?> ClickUrl { get; init; }

    public CreativeDraft MergeInto(Creative current) => new(Title.Or(current.Title), ImageUrl.Or(current.ImageUrl), ClickUrl.Or(current.ClickUrl));
}

/// <summary>A campaign as partners read it: its definition, its status and its delivery so far (read-only).</summary>
public sealed record CampaignResponse(
    string Id,
    string Name,
    BidType BidType,
    decimal Bid,
    decimal TotalBudget,
    decimal? DailyBudget,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Targeting Targeting,
    int FrequencyCapPerDay,
    Creative Creative,
    CampaignStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    decimal Spend,
    decimal RemainingBudget,
    long Impressions,
    long Clicks)
{
    public static CampaignResponse From(CampaignView view)
    {
        var (campaign, delivery) = (view.Campaign.Value, view.Delivery);
        return new(
            campaign.Id, campaign.Name, campaign.BidType, campaign.Bid, campaign.TotalBudget, campaign.DailyBudget, campaign.StartsAt, campaign.EndsAt,
            campaign.Targeting, campaign.FrequencyCapPerDay, campaign.Creative, campaign.Status, campaign.CreatedAt, campaign.UpdatedAt,
            delivery.Spend, campaign.TotalBudget - delivery.Spend, delivery.Impressions, delivery.Clicks);
    }
}

/// <summary>The report: counts, spend and the pacing curve (planned against actual spend per 15-minute slot of the flight so far).</summary>
public sealed record CampaignReportResponse(
    string CampaignId,
    long Impressions,
    long Clicks,
    double Ctr,
    decimal Spend,
    decimal RemainingBudget,
    IReadOnlyList<PacingPoint> Pacing)
{
    public static CampaignReportResponse From(CampaignReport report) => new(
        report.CampaignId,
        report.Impressions,
        report.Clicks,
        Math.Round(report.Ctr, 6),
        report.Spend,
        report.RemainingBudget,
        [.. report.Pacing.Select(p => p with { PlannedSpend = Math.Round(p.PlannedSpend, Campaign.MaxAmountDecimals) })]);
}

/// <summary>The chosen ad: what to show and the signed token to send back with its ad_impression and ad_click interactions.</summary>
public sealed record AdDecisionResponse(string CampaignId, Creative Creative, string ImpressionToken)
{
    public static AdDecisionResponse From(AdPlacement placement) =>
        new(placement.Decision.Campaign.Id, placement.Decision.Campaign.Creative, placement.ImpressionToken);
}
