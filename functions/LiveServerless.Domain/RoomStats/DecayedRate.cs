namespace LiveServerless.Domain.RoomStats;

/// <summary>
/// An exponentially decayed sum ("heat"): each contribution fades with time constant <see cref="TimeConstant"/>. The value is
/// kept relative to <see cref="AsOf"/>; adding a contribution from before AsOf decays it first, so the result does not depend
/// on the order in which events arrive (events of many partitions interleave).
/// </summary>
public sealed record DecayedRate(double Value, DateTimeOffset AsOf)
{
    public static readonly TimeSpan TimeConstant = TimeSpan.FromMinutes(10);

    public static DecayedRate Zero { get; } = new(0, DateTimeOffset.MinValue);

    public DecayedRate Add(double amount, DateTimeOffset at)
    {
        if (Value == 0 && AsOf == DateTimeOffset.MinValue)
        {
            return new DecayedRate(amount, at);
        }

        return at >= AsOf
            ? new DecayedRate(Value * Decay(at - AsOf) + amount, at)
            : this with { Value = Value + amount * Decay(AsOf - at) };
    }

    public double ValueAt(DateTimeOffset now) => now <= AsOf ? Value : Value * Decay(now - AsOf);

    private static double Decay(TimeSpan elapsed) => Math.Exp(-elapsed.TotalSeconds / TimeConstant.TotalSeconds);
}
