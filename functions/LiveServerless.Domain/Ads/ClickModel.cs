namespace LiveServerless.Domain.Ads;

/// <summary>
/// Predicted click-through rate of showing a campaign to a viewer in a room. The campaign's own history is smoothed with a Beta prior
/// (<see cref="PriorImpressions"/> pseudo-impressions at <see cref="BaselineCtr"/>), so a new campaign starts at the baseline and its
/// history takes over as evidence accumulates. The viewer's click-through rate for the room's category, relative to the baseline, then
/// scales it: a viewer who clicks twice as often as average in this category is predicted to click this ad twice as often.
/// </summary>
public static class ClickModel
{
    public const double BaselineCtr = 0.01;

    public const double PriorImpressions = 200;

    /// <summary>One viewer's estimate moves a prediction at most this far either way; profiles are noisy.</summary>
    public const double MaxUserLift = 4;

    public static double CampaignCtr(CtrStats stats) =>
        (stats.Clicks + (BaselineCtr * PriorImpressions)) / (stats.Impressions + PriorImpressions);

    public static double UserLift(AdAudience audience, string? roomCategory) =>
        roomCategory is not null && audience.CategoryCtr.TryGetValue(roomCategory, out var ctr)
            ? Math.Clamp(ctr / BaselineCtr, 1 / MaxUserLift, MaxUserLift)
            : 1;

    public static double Predict(double campaignCtr, AdRequest request) =>
        Math.Min(1, campaignCtr * UserLift(request.Audience, request.RoomCategory));
}
