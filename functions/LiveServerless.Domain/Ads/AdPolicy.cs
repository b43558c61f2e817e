namespace LiveServerless.Domain.Ads;

/// <summary>
/// The tunable time and size limits of ad serving. The app binds these from configuration; tests and the simulation use <see cref="Default"/>.
/// </summary>
public sealed record AdPolicy
{
    public static AdPolicy Default { get; } = new();

    /// <summary>
    /// How long an impression token can be tracked: the impression and its click must happen within it. It is also how long a CPC
    /// impression holds its bid of budget, so it bounds how many CPC impressions the remaining budget can have in flight (docs/ads.md).
    /// </summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A click counts only this long or longer after its ad's recorded impression: no person sees an ad and clicks it sooner, a script
    /// posting both at once does (the app binds it from Ads:ClickDwellSeconds).
    /// </summary>
    public TimeSpan ClickDwell { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an instance may issue tokens from one budget lease. Short windows keep little budget locked per instance.</summary>
    public TimeSpan LeaseWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The smallest lease worth a document write, in impressions at the campaign's maximum cost.</summary>
    public int MinLeaseImpressions { get; init; } = 20;

    /// <summary>At most this share of a campaign's available budget goes to one lease, so several instances can serve the last of it.</summary>
    public decimal MaxLeaseShare { get; init; } = 0.25m;
}
