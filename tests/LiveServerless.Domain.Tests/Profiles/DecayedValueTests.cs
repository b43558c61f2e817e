using FsCheck;
using FsCheck.Fluent;
using LiveServerless.Domain.Profiles;
using static LiveServerless.Domain.Tests.Recommendations.TestStream;

namespace LiveServerless.Domain.Tests.Profiles;

public sealed class DecayedValueTests
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Fact]
    public void ValueAt_OneHalfLifeLater_IsHalf()
    {
        var value = new DecayedValue(8, T0);

        Assert.Equal(4, value.ValueAt(T0 + Week, Week), 12);
        Assert.Equal(2, value.ValueAt(T0 + Week + Week, Week), 12);
        Assert.Equal(8, value.ValueAt(T0, Week));
    }

    [Fact]
    public void ValueAt_BeforeAsOf_DoesNotGrow() => Assert.Equal(8, new DecayedValue(8, T0).ValueAt(T0.AddDays(-3), Week));

    [Fact]
    public void Add_LateAmount_IsDecayedToAsOf_AndKeepsAsOf()
    {
        var value = new DecayedValue(1, T0).Add(4, T0 - Week, Week);

        Assert.Equal(T0, value.AsOf);
        Assert.Equal(3, value.Value, 12);
    }

    [Fact]
    public void Add_ToDefault_StartsAtTheAmount()
    {
        var value = default(DecayedValue).Add(5, T0, Week);

        Assert.Equal(new DecayedValue(5, T0), value);
    }

    [Fact]
    public void LazyDecay_EqualsEagerDecay() =>
        Prop.ForAll(Amounts().ToArbitrary(), steps =>
        {
            // Lazy: stored (value, as-of), decayed only when touched. Eager: a timer multiplying the value down every step.
            var lazy = default(DecayedValue);
            var eager = 0.0;
            var time = T0;
            foreach (var (minutes, amount) in steps)
            {
                var elapsed = TimeSpan.FromMinutes(minutes);
                eager = (eager * DecayedValue.DecayFactor(elapsed, Week)) + amount;
                time += elapsed;
                lazy = lazy.Add(amount, time, Week);
            }

            return Math.Abs(lazy.ValueAt(time, Week) - eager) <= 1e-9 * Math.Max(1, eager);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Add_OrderOfAmounts_DoesNotMatter() =>
        Prop.ForAll(Amounts().ToArbitrary(), steps =>
        {
            var timed = steps.Select((s, i) => (At: T0.AddMinutes(s.Minutes * (i % 3)), s.Amount)).ToArray();
            var forward = timed.Aggregate(default(DecayedValue), (v, s) => v.Add(s.Amount, s.At, Week));
            var backward = timed.Reverse().Aggregate(default(DecayedValue), (v, s) => v.Add(s.Amount, s.At, Week));
            var end = T0.AddDays(30);

            return Math.Abs(forward.ValueAt(end, Week) - backward.ValueAt(end, Week)) <= 1e-9 * Math.Max(1, forward.ValueAt(end, Week));
        }).QuickCheckThrowOnFailure();

    private static Gen<(int Minutes, double Amount)[]> Amounts() =>
        Gen.ArrayOf(Gen.Choose(0, 20_000).Zip(Gen.Choose(0, 1_000).Select(a => a / 10.0)));
}
