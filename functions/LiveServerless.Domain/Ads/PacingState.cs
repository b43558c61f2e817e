namespace LiveServerless.Domain.Ads;

/// <summary>
/// The pacing controller's memory, kept in the delivery document: the throttle it set, decayed sums of observed spend and of exposure
/// (throttle × the slot's traffic share) whose ratio estimates what the campaign would spend per unit of traffic at full speed, and the
/// slot it last stepped at (so a retried timer run does not count a slot twice).
/// </summary>
public sealed record PacingState(double Throttle, double DecayedSpend, double DecayedExposure, DateTimeOffset? SteppedAt)
{
    /// <summary>A new campaign starts cautiously: one slot at a fifth of full speed teaches the controller its spend rate.</summary>
    public static PacingState Initial { get; } = new(0.2, 0, 0, null);

    /// <summary>Spend per unit of daily traffic share at throttle 1, or null before anything has been observed.</summary>
    public double? SpendRate() => DecayedExposure > 0 ? DecayedSpend / DecayedExposure : null;
}
