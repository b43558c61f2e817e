using FsCheck;
using FsCheck.Fluent;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Presence;
using LiveServerless.Domain.Rooms;

namespace LiveServerless.Domain.Tests.Presence;

public sealed class WatchTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan CreditEvery = WatchTime.DefaultCreditEvery;

    private static readonly Room Live = Room.Create("t1", new NewRoom("r1", "host", "Jazz", "music", ["jazz"], null, null, null, null), Now.AddHours(-1))
        .Start(Now.AddHours(-1));

    private static Sighting Sight(ViewerPresence? existing, DateTimeOffset at, Room? room = null) =>
        WatchTime.Sight(existing, "u1", "Ann", room ?? Live, at, CreditEvery);

    [Fact]
    public void Sight_FirstJoin_ArrivesWithNothingToCredit_AndMarksTheJoin()
    {
        var joined = Sight(null, Now);

        Assert.True(joined.Arriving);
        Assert.Null(joined.Credit);
        Assert.Equal((Now, Now, Now), (joined.Row.JoinedAt, joined.Row.LastSeenAt, joined.Row.WatchCreditedUntil));
    }

    [Fact]
    public void Sight_Heartbeats_CreditNothingUntilTheIntervalHasBuiltUp_ThenUpToThePreviousSighting()
    {
        var row = Sight(null, Now).Row;
        foreach (var seconds in new[] { 20, 40, 60 })
        {
            var heartbeat = Sight(row, Now.AddSeconds(seconds));
            Assert.Null(heartbeat.Credit);
            Assert.False(heartbeat.Arriving);
            row = heartbeat.Row;
        }

        var crediting = Sight(row, Now.AddSeconds(80));

        Assert.Equal(new WatchSpan(Now, Now.AddSeconds(60), 60), crediting.Credit);
        Assert.Equal(Now.AddSeconds(60), crediting.Row.WatchCreditedUntil);
        Assert.Equal(Now.AddSeconds(80), crediting.Row.LastSeenAt);
    }

    [Fact]
    public void Sight_CreditsWholeSeconds_AndLeavesTheFractionForLater()
    {
        var row = Sight(null, Now).Row with { LastSeenAt = Now.AddSeconds(60.7) };

        var credit = Sight(row, Now.AddSeconds(70)).Credit!;

        Assert.Equal((60, Now.AddSeconds(60)), (credit.Seconds, credit.Until));
    }

    [Fact]
    public void Sight_AfterTheTtl_StartsANewViewing_AndCreditsTheLapsedOneUpToItsLastSighting()
    {
        var lapsed = Sight(null, Now).Row with { LastSeenAt = Now.AddSeconds(30) };

        var back = Sight(lapsed, Now.AddMinutes(10));

        Assert.True(back.Arriving);
        Assert.Equal(new WatchSpan(Now, Now.AddSeconds(30), 30), back.Credit);
        Assert.Equal((Now.AddMinutes(10), Now.AddMinutes(10)), (back.Row.JoinedAt, back.Row.WatchCreditedUntil));
    }

    [Fact]
    public void Leave_CreditsUpToNow_WhenPresent_AndUpToTheLastSighting_WhenLapsed()
    {
        var row = Sight(null, Now).Row with { LastSeenAt = Now.AddSeconds(15) };

        Assert.Equal(new WatchSpan(Now, Now.AddSeconds(25), 25), WatchTime.Leave(row, Live, Now.AddSeconds(25)));
        Assert.Equal(new WatchSpan(Now, Now.AddSeconds(15), 15), WatchTime.Leave(row, Live, Now.AddMinutes(5)));
        Assert.Null(WatchTime.Leave(row, Live, Now.AddMilliseconds(999)));
    }

    [Fact]
    public void Expire_CreditsUpToTheLastSighting_NeverBeyond()
    {
        var row = Sight(null, Now).Row with { LastSeenAt = Now.AddSeconds(42), WatchCreditedUntil = Now.AddSeconds(10) };

        Assert.Equal(new WatchSpan(Now.AddSeconds(10), Now.AddSeconds(42), 32), WatchTime.Expire(row, Live));
    }

    [Fact]
    public void Spans_CountOnlyTheRoomsLiveTime_ButMoveTheMarkOverAllOfIt()
    {
        var scheduled = Room.Create("t1", new NewRoom("r2", "host", "Soon", null, null, null, null, null, null), Now.AddHours(-1));
        var startsLater = scheduled.Start(Now.AddSeconds(20));
        var endedEarly = startsLater.End(Now.AddSeconds(50));
        var row = Sight(null, Now, scheduled).Row with { LastSeenAt = Now.AddSeconds(50) };

        Assert.Equal(new WatchSpan(Now, Now.AddSeconds(60), 0), WatchTime.Leave(row, scheduled, Now.AddSeconds(60)));
        Assert.Equal(new WatchSpan(Now, Now.AddSeconds(60), 40), WatchTime.Leave(row, startsLater, Now.AddSeconds(60)));
        Assert.Equal(new WatchSpan(Now, Now.AddSeconds(60), 30), WatchTime.Leave(row, endedEarly, Now.AddSeconds(60)));
    }

    [Fact]
    public void Rows_StoredBeforeTheCreditMark_AreCreditedFromTheJoin()
    {
        var legacy = new ViewerPresence("u1", "Ann", Now, Now.AddSeconds(30));

        Assert.Equal(new WatchSpan(Now, Now.AddSeconds(30), 30), WatchTime.Expire(legacy, Live));
    }

    [Fact]
    public void ToInteraction_IsAWatchEventWithTheRoomsContext_AndAnIdFixedByTheSpanStart()
    {
        var span = new WatchSpan(Now, Now.AddSeconds(60), 60);

        var watch = WatchTime.ToInteraction(span, "t1", "u1", Live);

        Assert.Equal((InteractionType.Watch, 60, true), (watch.Type, watch.WatchSeconds, watch.HasClientKey));
        Assert.Equal(("t1", "u1", "r1", "host", "music"), (watch.TenantId, watch.UserId, watch.RoomId, watch.HostUserId, watch.RoomCategory));
        Assert.Equal(["jazz"], watch.RoomTags);
        Assert.Equal(Now.AddSeconds(60), watch.OccurredAt);
        Assert.Equal(watch.Id, WatchTime.ToInteraction(span with { Until = Now.AddSeconds(90), Seconds = 90 }, "t1", "u1", Live).Id);
        Assert.NotEqual(watch.Id, WatchTime.ToInteraction(span with { From = Now.AddTicks(1) }, "t1", "u1", Live).Id);
        Assert.NotEqual(watch.Id, WatchTime.ToInteraction(span, "t1", "u2", Live).Id);
        Assert.NotEqual(watch.Id, WatchTime.ToInteraction(span, "t2", "u1", Live).Id);
    }

    /// <summary>
    /// Any pattern of heartbeats (with gaps beyond the TTL), ended by a leave or by the sweep: the spans published never overlap, and
    /// together they never exceed the time the server saw the viewer present (first sighting to the last one, or to the leave).
    /// </summary>
    [Fact]
    public void AnyViewing_CreditsDisjointSpans_NoMoreThanTheServerSaw()
    {
        var gaps = Gen.Choose(1, 90).ArrayOf();
        Prop.ForAll(Arb.From(gaps), Arb.From(Gen.Elements(true, false)), (seconds, leaves) =>
        {
            var at = Now;
            var sighting = Sight(null, at);
            var spans = new List<WatchSpan>();
            var present = TimeSpan.Zero;
            foreach (var gap in seconds)
            {
                var previous = sighting.Row;
                at = at.AddSeconds(gap);
                sighting = Sight(previous, at);
                present += previous.IsActiveAt(at) ? at - previous.LastSeenAt : TimeSpan.Zero;
                spans.AddRange(sighting.Credit is { } credit ? [credit] : []);
            }

            var end = leaves ? WatchTime.Leave(sighting.Row, Live, at.AddSeconds(5)) : WatchTime.Expire(sighting.Row, Live);
            present += leaves ? TimeSpan.FromSeconds(5) : TimeSpan.Zero;
            spans.AddRange(end is { } last ? [last] : []);

            var ordered = spans.OrderBy(s => s.From).ToArray();
            return ordered.Zip(ordered.Skip(1)).All(pair => pair.First.Until <= pair.Second.From) &&
                spans.All(s => s.Seconds >= 0 && s.Seconds <= (s.Until - s.From).TotalSeconds) &&
                spans.Sum(s => s.Seconds) <= present.TotalSeconds;
        }).QuickCheckThrowOnFailure();
    }
}
