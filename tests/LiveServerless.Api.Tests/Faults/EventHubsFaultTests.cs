using System.Text.RegularExpressions;
using LiveServerless.Api.Tests.Infrastructure;
using LiveServerless.Api.Tests.Stream;
using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.RoomStats;

namespace LiveServerless.Api.Tests.Faults;

/// <summary>
/// Event Hubs unavailable while the stream is being processed: the processor's AMQP connection is reset and every reconnect is
/// refused for a while. Nothing is skipped or applied twice: once the hub answers again, the totals are exact.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed partial class EventHubsFaultTests(DevHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task EventHubsDropsTheProcessor_ItReconnects_AndEveryEventIsAppliedExactlyOnce()
    {
        const string hub = "faults-eventhubs";
        await using var eventHubs = new FaultProxy(EventHubsPort());
        await using var app = await fixture.StartDevHostAsync(fixture.SettingsWith(
            ("EventHubs:ConnectionString", PortPattern().Replace(fixture.EventHubsConnectionString, $"localhost:{eventHubs.Port};")),
            ("EventHubs:HubName", hub),
            ("Logging:LogLevel:Default", "None")));
        await using var direct = new ProcessorHarness(fixture, hub, "tests");
        var tenantId = "eh-" + Guid.NewGuid().ToString("N")[..8];
        var before = Likes(tenantId, 20);
        await direct.Publisher.PublishAsync(before, CancellationToken.None);
        await LikesAsync(direct, tenantId, Total(before));

        eventHubs.Fault = Fault.Reset;
        var during = Likes(tenantId, 30);
        await direct.Publisher.PublishAsync(during, CancellationToken.None);
        await Eventually.MatchesAsync(() => Task.FromResult(eventHubs.FaultedConnections), n => n > 0, "the processor reconnecting into the fault", Patience);
        eventHubs.Fault = Fault.None;

        await LikesAsync(direct, tenantId, Total(before) + Total(during));
        await direct.Publisher.PublishAsync([ProcessorHarness.Event(tenantId, "room", "marker", InteractionType.Share)], CancellationToken.None);
        var settled = await Eventually.MatchesAsync(
            () => direct.Stats.GetAsync(tenantId, "room", CancellationToken.None),
            s => s.Shares == 1,
            "the marker event",
            Patience);
        Assert.Equal(Total(before) + Total(during), settled.Likes);
    }

    private static Interaction[] Likes(string tenantId, int events) =>
        [.. Enumerable.Range(0, events).Select(i => ProcessorHarness.Event(tenantId, "room", $"user-{i % 7}", InteractionType.Like, count: 1 + (i % 5)))];

    private static long Total(IEnumerable<Interaction> events) => events.Sum(e => (long)e.Count);

    private static Task<RoomStatistics> LikesAsync(ProcessorHarness direct, string tenantId, long expected) =>
        Eventually.MatchesAsync(() => direct.Stats.GetAsync(tenantId, "room", CancellationToken.None), s => s.Likes == expected, $"{expected} likes", Patience);

    private int EventHubsPort() => int.Parse(PortPattern().Match(fixture.EventHubsConnectionString).Groups[1].Value);

    [GeneratedRegex(@"localhost:(\d+);")]
    private static partial Regex PortPattern();
}
