using LiveServerless.Domain.Ads;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;

namespace LiveServerless.Domain.Tests.Ads;

public sealed class PacingPlanTests
{
    private static readonly DateOnly Day = PacingSlot.DayOf(Now);
    private static readonly DateTimeOffset Midnight = PacingSlot.StartOfDay(Day);

    private static DayPlan Plan(Campaign campaign, CampaignDelivery? delivery = null, DateOnly? day = null) =>
        PacingPlan.ForDay(campaign, delivery ?? CampaignDelivery.Start(campaign), TrafficCurve.Default, day ?? Day);

    [Fact]
    public void ForDay_OneDayFlight_PlansTheWholeBudget_FollowingTheCurve()
    {
        var plan = Plan(TestCampaign(totalBudget: 96m, startsAt: Midnight, endsAt: Midnight.AddDays(1)));

        Assert.Equal(96m, plan.Target);
        Assert.Equal(96m, plan.Slots.Sum(), 10);
        var peak = TrafficCurve.Default.Weights.Select((w, i) => (w, i)).MaxBy(x => x.w).i;
        Assert.Equal(plan.Slots.Max(), plan.Slots[peak]);
    }

    [Fact]
    public void ForDay_SpreadsTheBudgetLeftOverTheRestOfTheFlight()
    {
        var campaign = TestCampaign(totalBudget: 100m, startsAt: Midnight, endsAt: Midnight.AddDays(4));
        var delivery = CampaignDelivery.Start(campaign) with { DailySpend = new Dictionary<DateOnly, decimal> { [Day] = 40m } };

        Assert.Equal(25m, Plan(campaign).Target, 10);
        Assert.Equal(20m, Plan(campaign, delivery, Day.AddDays(1)).Target, 10);
    }

    [Fact]
    public void ForDay_IsCappedByTheDailyBudget() =>
        Assert.Equal(10m, Plan(TestCampaign(totalBudget: 100m, dailyBudget: 10m, startsAt: Midnight, endsAt: Midnight.AddDays(2))).Target);

    [Fact]
    public void ForDay_FlightStartingAtNoon_PlansOnlyTheAfternoon()
    {
        var plan = Plan(TestCampaign(totalBudget: 100m, startsAt: Midnight.AddHours(12), endsAt: Midnight.AddDays(2)));

        var afternoon = TrafficCurve.Default.Weights.Skip(PacingSlot.PerDay / 2).Sum();
        Assert.Equal(100m * (decimal)(afternoon / (afternoon + 1)), plan.Target, 6);
        Assert.All(plan.Slots.Take(PacingSlot.PerDay / 2), s => Assert.Equal(0m, s));
    }

    [Fact]
    public void ForDay_OutsideTheFlight_PlansNothing() =>
        Assert.Equal(0m, Plan(TestCampaign(startsAt: Midnight, endsAt: Midnight.AddDays(1)), day: Day.AddDays(1)).Target);

    [Fact]
    public void TrafficCurve_IsNormalised_AndPeaksInTheEvening()
    {
        var weights = TrafficCurve.Default.Weights;

        Assert.Equal(1, weights.Sum(), 10);
        Assert.InRange(PacingSlot.Length * weights.Select((w, i) => (w, i)).MaxBy(x => x.w).i, TimeSpan.FromHours(20), TimeSpan.FromHours(22));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrafficCurve([1, 2]));
        Assert.Throws<ArgumentException>(() => new TrafficCurve(new double[PacingSlot.PerDay]));
    }
}
