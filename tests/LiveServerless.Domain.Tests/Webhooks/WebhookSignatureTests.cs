using LiveServerless.Domain.Webhooks;

namespace LiveServerless.Domain.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // The Standard Webhooks reference test vector (the specification's libraries test against it).
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Body = """{"test": 2432232314}""";
    private static readonly DateTimeOffset Timestamp = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    [Fact]
    public void Sign_MatchesTheStandardWebhooksReferenceVector()
    {
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(Secret, Id, Timestamp, Body));
    }

    [Fact]
    public void Verify_AcceptsTheSignature_AmongOthers_AndRefusesAnyChange()
    {
        var signature = WebhookSignature.Sign(Secret, Id, Timestamp, Body);
        var header = "v1,bm90LXRoaXMtb25l " + signature;

        Assert.True(WebhookSignature.Verify(Secret, Id, "1614265330", header, Body, Timestamp, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, Id, "1614265330", header, Body + " ", Timestamp, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, "msg_other", "1614265330", header, Body, Timestamp, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(WebhookSecret.Generate(), Id, "1614265330", header, Body, Timestamp, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, Id, "1614265330", "v2," + signature[3..], Body, Timestamp, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Verify_RefusesATimestampOutsideTheTolerance()
    {
        var signature = WebhookSignature.Sign(Secret, Id, Timestamp, Body);

        Assert.False(WebhookSignature.Verify(Secret, Id, "1614265330", signature, Body, Timestamp.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, Id, "not-a-number", signature, Body, Timestamp, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Secrets_AreWhsecPrefixed_24RandomBytes()
    {
        var first = WebhookSecret.Generate();

        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.Equal(24, WebhookSecret.KeyOf(first).Length);
        Assert.NotEqual(first, WebhookSecret.Generate());
    }
}
