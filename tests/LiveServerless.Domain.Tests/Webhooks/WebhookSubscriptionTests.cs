using System.Net;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Webhooks;

namespace LiveServerless.Domain.Tests.Webhooks;

public sealed class WebhookSubscriptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private static readonly TargetRules Azure = new(AllowHttp: false, AllowPrivateNetworks: false);

    private static WebhookSubscription Subscription() =>
        WebhookSubscription.Create("t", new NewSubscription("https://hooks.example.com/x", ["room.started", "gift.sent"], null), Azure, Now);

    [Fact]
    public void Create_ReportsEveryBrokenRuleAtOnce()
    {
        var refused = Assert.Throws<ValidationException>(() =>
            WebhookSubscription.Create("t", new NewSubscription("http://10.0.0.1/", ["room.started", "room.exploded"], new string('d', 201)), Azure, Now));

        Assert.Equal(["description", "events[1]", "url"], refused.Errors.Keys.Order());
    }

    [Fact]
    public void FailingFor24Hours_Disables_WithTheReason_AndASuccessInBetweenResetsTheStreak()
    {
        var subscription = Subscription().AfterAttempt(false, Now, DeliveryPolicy.Default);
        Assert.Equal(Now, subscription.FailingSince);

        var recovered = subscription.AfterAttempt(true, Now.AddHours(23), DeliveryPolicy.Default);
        Assert.Null(recovered.FailingSince);

        var stillFailing = subscription.AfterAttempt(false, Now.AddHours(23), DeliveryPolicy.Default);
        Assert.True(stillFailing.Enabled);
        var disabled = stillFailing.AfterAttempt(false, Now.AddHours(24), DeliveryPolicy.Default);
        Assert.False(disabled.Enabled);
        Assert.Contains("24 h", disabled.DisabledReason, StringComparison.Ordinal);
        Assert.False(disabled.Wants("room.started", Now.AddHours(25)));

        var reenabled = disabled.Apply(new SubscriptionChanges(default, default, default, true), Azure, Now.AddHours(26));
        Assert.True(reenabled.Enabled);
        Assert.Null(reenabled.DisabledReason);
        Assert.Null(reenabled.FailingSince);
    }

    [Fact]
    public void Wants_OnlyNamedTypes_ThatHappenedAfterSubscribing()
    {
        var subscription = Subscription();

        Assert.True(subscription.Wants("gift.sent", Now));
        Assert.False(subscription.Wants("chat.message", Now.AddMinutes(1)));
        Assert.False(subscription.Wants("gift.sent", Now.AddMinutes(-1)));
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.20.30.40", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    public void IsPublic_RefusesLoopbackPrivateLinkLocalAndReserved(string address, bool expected) =>
        Assert.Equal(expected, WebhookTarget.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void InDevelopment_LoopbackHttp_IsAllowed()
    {
        var local = WebhookSubscription.Create("t", new NewSubscription("http://127.0.0.1:5000/hooks", ["room.started"], null), new TargetRules(true, true), Now);

        Assert.Equal("http://127.0.0.1:5000/hooks", local.Url);
    }
}
