using LiveServerless.Domain.Webhooks;

namespace LiveServerless.Domain.Tests.Webhooks;

public sealed class DeliveryPolicyTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private static readonly DeliveryPolicy Policy = DeliveryPolicy.Default;

    [Theory]
    [InlineData(200, AttemptOutcome.Delivered)]
    [InlineData(204, AttemptOutcome.Delivered)]
    [InlineData(408, AttemptOutcome.Retry)]
    [InlineData(429, AttemptOutcome.Retry)]
    [InlineData(500, AttemptOutcome.Retry)]
    [InlineData(503, AttemptOutcome.Retry)]
    [InlineData(null, AttemptOutcome.Retry)]
    [InlineData(302, AttemptOutcome.Failed)]
    [InlineData(400, AttemptOutcome.Failed)]
    [InlineData(410, AttemptOutcome.Failed)]
    public void Classify_RetriesTimeouts408_429And5xxOnly(int? status, AttemptOutcome expected) =>
        Assert.Equal(expected, DeliveryPolicy.Classify(status));

    [Fact]
    public void Backoff_Doubles_WithJitterBetweenHalfAndAllOfTheStep()
    {
        for (var attempts = 1; attempts <= 8; attempts++)
        {
            var step = TimeSpan.FromSeconds(5 * Math.Pow(2, attempts - 1));
            var earliest = Policy.NextAttemptAt(attempts, Created, Created, null, 0)!.Value - Created;
            var latest = Policy.NextAttemptAt(attempts, Created, Created, null, 0.999999)!.Value - Created;
            Assert.Equal(step / 2, earliest);
            Assert.InRange(latest, step * 0.99, step);
        }
    }

    [Fact]
    public void Backoff_IsCappedAtAnHour_AndHonoursALongerRetryAfter()
    {
        Assert.Equal(TimeSpan.FromHours(1), Policy.NextAttemptAt(30, Created, Created, null, 1)!.Value - Created);
        Assert.Equal(TimeSpan.FromMinutes(10), Policy.NextAttemptAt(1, Created, Created, TimeSpan.FromMinutes(10), 0.5)!.Value - Created);
    }

    [Fact]
    public void Retries_StopAfter24HoursFromCreation()
    {
        Assert.NotNull(Policy.NextAttemptAt(20, Created, Created.AddHours(22), null, 0.5));
        Assert.Null(Policy.NextAttemptAt(20, Created, Created.AddHours(23.9), null, 0.5));
    }

    [Fact]
    public void ADelivery_ThatFailsThreeTimesThenSucceeds_IsDeliveredWithFourAttempts()
    {
        var delivery = WebhookDelivery.Create("t", "s", WebhookEvent.Of("evt_1", "t", WebhookEventTypes.RoomStarted, Created, new { roomId = "r" }), Created);

        foreach (var (status, minute) in new[] { (500, 0), (503, 1), (429, 2) })
        {
            delivery = delivery.After(new DeliveryAttempt(Created.AddMinutes(minute), status, 10, null), null, Policy, 0.5);
            Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        }

        delivery = delivery.After(new DeliveryAttempt(Created.AddMinutes(3), 200, 10, null), null, Policy, 0.5);

        Assert.Equal(WebhookDeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(4, delivery.Attempts.Count);
        Assert.Null(delivery.NextAttemptAt);
    }

    [Fact]
    public void ARefusedTarget_FailsAtOnce()
    {
        var delivery = WebhookDelivery.Create("t", "s", WebhookEvent.Of("evt_1", "t", WebhookEventTypes.RoomStarted, Created, new { }), Created);

        var after = delivery.After(new DeliveryAttempt(Created, null, 1, WebhookDelivery.RefusedPrefix + " private"), null, Policy, 0.5);

        Assert.Equal(WebhookDeliveryStatus.Failed, after.Status);
    }
}
