namespace LiveServerless.Domain.Profiles;

/// <summary>
/// A quantity that halves every half-life, stored as (value, as-of) so decay is applied lazily and exactly: the stored value
/// always equals Σ amountᵢ · 2^(−(AsOf − tᵢ) / halfLife), whatever the order of the adds and however rarely it is touched.
/// That is what lets a document decay without a timer rewriting it.
/// </summary>
public readonly record struct DecayedValue(double Value, DateTimeOffset AsOf)
{
    /// <summary>The value at <paramref name="time"/>. A read before <see cref="AsOf"/> (clock skew) returns the stored value: decay never grows a value.</summary>
    public double ValueAt(DateTimeOffset time, TimeSpan halfLife) =>
        time <= AsOf ? Value : Value * DecayFactor(time - AsOf, halfLife);

    /// <summary>
    /// Adds <paramref name="amount"/> observed at <paramref name="at"/>. A late amount (before <see cref="AsOf"/>) is decayed to AsOf
    /// instead of moving AsOf back, so the result does not depend on the order the amounts arrive in.
    /// </summary>
    public DecayedValue Add(double amount, DateTimeOffset at, TimeSpan halfLife) =>
        at >= AsOf
            ? new DecayedValue(ValueAt(at, halfLife) + amount, at)
            : new DecayedValue(Value + (amount * DecayFactor(AsOf - at, halfLife)), AsOf);

    /// <summary>2^(−elapsed / halfLife): 1 now, ½ after one half-life, ¼ after two.</summary>
    public static double DecayFactor(TimeSpan elapsed, TimeSpan halfLife) => Math.Pow(2, -(elapsed / halfLife));
}
