using LiveServerless.Domain.Ads;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;

namespace LiveServerless.Domain.Tests.Ads;

public sealed class PacingControllerTests
{
    private static readonly DateOnly Day = PacingSlot.DayOf(Now);
    private static readonly DateTimeOffset Midnight = PacingSlot.StartOfDay(Day);
    private static readonly Campaign OneDay = TestCampaign(totalBudget: 100m, startsAt: Midnight, endsAt: Midnight.AddDays(1));

    /// <summary>
    /// A simple market: at throttle 1 the campaign would spend <paramref name="fullSpeed"/> per day, spread like the traffic curve times
    /// <paramref name="surprise"/> (traffic the plan did not expect). The controller steps at every slot boundary.
    /// </summary>
    private static (decimal[] Planned, decimal[] Actual) RunDay(double fullSpeed, Func<int, double> surprise)
    {
        var delivery = CampaignDelivery.Start(OneDay);
        var plan = PacingPlan.ForDay(OneDay, delivery, TrafficCurve.Default, Day);
        var actual = new decimal[PacingSlot.PerDay];
        for (var i = 0; i < PacingSlot.PerDay; i++)
        {
            var slot = Midnight + (i * PacingSlot.Length);
            delivery = delivery.WithPacing(PacingController.Step(OneDay, delivery, TrafficCurve.Default, slot));
            actual[i] = (decimal)(delivery.Pacing.Throttle * fullSpeed * TrafficCurve.Default.Weights[i] * surprise(i));
            delivery = delivery with
            {
                Spend = delivery.Spend + actual[i],
                SlotSpend = new Dictionary<DateTimeOffset, decimal>(delivery.SlotSpend) { [slot] = actual[i] },
                DailySpend = new Dictionary<DateOnly, decimal> { [Day] = delivery.SpentOn(Day) + actual[i] },
            };
        }

        return ([.. plan.Slots], actual);
    }

    private static double RelativeRmse(decimal[] planned, decimal[] actual, int skip) =>
        Math.Sqrt(planned.Zip(actual).Skip(skip).Average(p => Math.Pow((double)(p.First - p.Second), 2))) / (double)planned.Skip(skip).Average();

    [Fact]
    public void Step_TracksThePlan_WhenTrafficFollowsTheCurve()
    {
        var (planned, actual) = RunDay(fullSpeed: 300, _ => 1);

        Assert.InRange(actual.Sum(), 99m, 100.5m);
        Assert.True(RelativeRmse(planned, actual, skip: 2) < 0.02);
    }

    [Fact]
    public void Step_Converges_WhenAfternoonTrafficRunsFarAboveTheCurve()
    {
        var (planned, actual) = RunDay(fullSpeed: 300, slot => slot is >= 48 and < 64 ? 1.8 : 1);

        Assert.InRange(actual.Sum(), 97m, 102m);
        Assert.True(RelativeRmse(planned, actual, skip: 2) < 0.25);
        Assert.True(RelativeRmse(planned[72..], actual[72..], skip: 0) < 0.1);
    }

    [Fact]
    public void Step_OpensFully_WhenEvenFullSpeedCannotReachThePlan()
    {
        var (_, actual) = RunDay(fullSpeed: 50, _ => 1);

        Assert.InRange(actual.Sum(), 45m, 50m);
    }

    [Fact]
    public void Step_KeepsTheInitialThrottle_UntilItHasObservedASlot()
    {
        var delivery = CampaignDelivery.Start(OneDay);

        Assert.Equal(PacingState.Initial.Throttle, PacingController.Step(OneDay, delivery, TrafficCurve.Default, Midnight).Throttle);
    }

    [Fact]
    public void Step_TwiceInTheSameSlot_ChangesNothing()
    {
        var delivery = CampaignDelivery.Start(OneDay) with { SlotSpend = new Dictionary<DateTimeOffset, decimal> { [Midnight] = 1m } };
        var once = delivery.WithPacing(PacingController.Step(OneDay, delivery, TrafficCurve.Default, Midnight.AddMinutes(15)));

        Assert.Same(once.Pacing, PacingController.Step(OneDay, once, TrafficCurve.Default, Midnight.AddMinutes(20)));
    }

    [Fact]
    public void Tick_EndsTheCampaign_WhenItsFlightIsOver()
    {
        var (campaign, _) = PacingController.Tick(OneDay, CampaignDelivery.Start(OneDay), TrafficCurve.Default, Midnight, Midnight.AddDays(1));

        Assert.Equal(CampaignStatus.Ended, campaign.Status);
    }
}
