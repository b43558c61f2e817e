using FsCheck;
using FsCheck.Fluent;
using LiveServerless.Domain.Ads;
using LiveServerless.Domain.Interactions;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;

namespace LiveServerless.Domain.Tests.Ads;

/// <summary>
/// Reserve-then-commit under anything a client, the stream or a crash can do: arbitrary interleavings of decisions on two instances,
/// impression posts (duplicated), click bursts of up to 10 per impression, clicks before the impression or within the dwell (which
/// count nothing), posts after expiry, tracking runs
/// that crash between their writes and are replayed, lease refreshes, timer ticks and midnight, on budgets small enough to run out.
/// </summary>
public sealed class BudgetPropertiesTests
{
    private enum Step
    {
        Serve,
        Impression,
        ClickBurst,
        Process,
        Refresh,
        Tick,
        Advance,
    }

    private sealed record Op(Step Step, int A, int B);

    private static readonly Gen<Op> OpGen = Gen.Frequency(
        (6, Gen.Zip(Gen.Choose(0, 3), Gen.Choose(0, 1), (user, instance) => new Op(Step.Serve, user, instance))),
        (5, Gen.Zip(Gen.Choose(0, 1_000), Gen.Choose(1, 3), (token, copies) => new Op(Step.Impression, token, copies))),
        (5, Gen.Zip(Gen.Choose(0, 1_000), Gen.Choose(1, 10), (token, burst) => new Op(Step.ClickBurst, token, burst))),
        (4, Gen.Zip(Gen.Choose(0, 1), Gen.Choose(0, 4), (partition, crash) => new Op(Step.Process, partition, crash))),
        (3, Gen.Choose(0, 1).Select(instance => new Op(Step.Refresh, instance, 0))),
        (1, Gen.Constant(new Op(Step.Tick, 0, 0))),
        (3, Gen.Choose(1, 900).Select(seconds => new Op(Step.Advance, seconds, 0))));

    private static readonly Gen<Op[]> ScenarioGen = Gen.ArrayOf(OpGen).ScaleSize(size => size * 2);

    /// <summary>Starts 40 minutes before midnight, so daily budgets roll over within a scenario.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 23, 20, 0, TimeSpan.Zero);

    private static Campaign[] Campaigns() =>
    [
        TestCampaign("cpc", bidType: BidType.Cpc, bid: 0.5m, totalBudget: 2m, dailyBudget: 1m, frequencyCap: 2, startsAt: Start.AddDays(-1), endsAt: Start.AddDays(3)),
        TestCampaign("cpm", bidType: BidType.Cpm, bid: 200m, totalBudget: 1m, dailyBudget: 0.6m, frequencyCap: 3, startsAt: Start.AddDays(-1), endsAt: Start.AddDays(3)),
        TestCampaign("music", bidType: BidType.Cpc, bid: 0.3m, totalBudget: 0.9m, frequencyCap: 1, targeting: Targets(categories: ["music"]), startsAt: Start.AddDays(-1), endsAt: Start.AddHours(1)),
    ];

    [Fact]
    public void Pipeline_AnyBurstPattern_NeverOverspendsNorBreachesCaps_AndCountsOnce() =>
        Prop.ForAll(Arb.From(ScenarioGen), ops =>
        {
            var pipeline = new AdPipeline(Campaigns(), Start);
            foreach (var op in ops)
            {
                Run(pipeline, op);
                pipeline.AssertInvariants();
            }

            pipeline.Drain();
            pipeline.AssertInvariants();
            pipeline.AssertExactlyOnce();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    [Fact]
    public void Pipeline_TenfoldClickBurstOnEveryImpression_StopsExactlyAtEachBudget()
    {
        var pipeline = new AdPipeline(Campaigns(), Start);
        for (var round = 0; round < 40; round++)
        {
            pipeline.Refresh(round % 2);
            for (var user = 0; user < 4; user++)
            {
                pipeline.Serve(user, round % 2);
            }

            for (var token = 0; token < pipeline.ServedCount; token++)
            {
                pipeline.Post(token, InteractionType.AdImpression, 1);
            }

            pipeline.Advance((int)AdPipeline.Policy.ClickDwell.TotalSeconds);
            for (var token = 0; token < pipeline.ServedCount; token++)
            {
                pipeline.Post(token, InteractionType.AdClick, 10);
            }

            pipeline.Process(round % 2, crash: round % 3 == 0);
            pipeline.Advance(120);
            pipeline.AssertInvariants();
        }

        pipeline.Drain();
        pipeline.AssertInvariants();
        pipeline.AssertExactlyOnce();
        Assert.Equal((2m, 1m, 0.9m), (pipeline.SpentBy("cpc"), pipeline.SpentBy("cpm"), pipeline.SpentBy("music")));
    }

    private static void Run(AdPipeline pipeline, Op op)
    {
        switch (op.Step)
        {
            case Step.Serve:
                pipeline.Serve(op.A, op.B);
                break;
            case Step.Impression:
                pipeline.Post(op.A, InteractionType.AdImpression, op.B);
                break;
            case Step.ClickBurst:
                pipeline.Post(op.A, InteractionType.AdClick, op.B);
                break;
            case Step.Process:
                pipeline.Process(op.A, crash: op.B == 0);
                break;
            case Step.Refresh:
                pipeline.Refresh(op.A);
                break;
            case Step.Tick:
                pipeline.Tick();
                break;
            case Step.Advance:
                pipeline.Advance(op.A);
                break;
        }
    }
}
