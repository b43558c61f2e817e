namespace LiveServerless.Domain.Ads;

/// <summary>
/// The expected share of a day's ad requests in each pacing slot. Plans follow it so that spend is spread like the audience is;
/// the controller corrects for days that deviate from it.
/// </summary>
public sealed class TrafficCurve
{
    private readonly double[] _weights;

    /// <summary>Any non-negative weights per slot; they are normalised to sum to 1.</summary>
    public TrafficCurve(IReadOnlyList<double> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(weights.Count, PacingSlot.PerDay, nameof(weights));
        if (weights.Any(w => w < 0 || !double.IsFinite(w)) || weights.Sum() <= 0)
        {
            throw new ArgumentException("Weights must be finite, non-negative and not all zero.", nameof(weights));
        }

        var total = weights.Sum();
        _weights = weights.Select(w => w / total).ToArray();
    }

    /// <summary>
    /// A live-streaming day in UTC: quiet before dawn, a lunchtime bump and an evening peak around 21:00. A default until the app
    /// learns its tenants' own curve.
    /// </summary>
    public static TrafficCurve Default { get; } = new(
        Enumerable.Range(0, PacingSlot.PerDay)
            .Select(slot => (slot + 0.5) * 24.0 / PacingSlot.PerDay)
            .Select(hour => 0.15 + Bump(hour, 21, 2.5) + (0.35 * Bump(hour, 12.5, 1.5)))
            .ToArray());

    public IReadOnlyList<double> Weights => _weights;

    public double WeightAt(DateTimeOffset time) => _weights[PacingSlot.IndexInDay(time)];

    /// <summary>A bell around <paramref name="center"/> on the 24-hour circle, so the evening peak wraps past midnight.</summary>
    private static double Bump(double hour, double center, double width)
    {
        var distance = Math.Abs(hour - center);
        distance = Math.Min(distance, 24 - distance);
        return Math.Exp(-0.5 * distance * distance / (width * width));
    }
}
