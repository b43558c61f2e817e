using System.Buffers.Text;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LiveServerless.Domain.Ads;
using static LiveServerless.Domain.Tests.Ads.AdFixtures;

namespace LiveServerless.Domain.Tests.Ads;

public sealed class ImpressionTokenTests
{
    private static readonly ImpressionToken Token = new("imp1", "t1", "u1", "c1", "r1", Now, Now.AddMinutes(15));

    private static TokenVerification Verify(string? token, DateTimeOffset? at = null, string tenantId = "t1", string userId = "u1", byte[]? key = null) =>
        ImpressionToken.Verify(token, key ?? TokenKey, tenantId, userId, at ?? Now.AddMinutes(1));

    [Fact]
    public void Verify_SignedToken_RoundTrips()
    {
        var verdict = Verify(Token.Sign(TokenKey));

        Assert.True(verdict.IsAccepted);
        Assert.Equal(Token, verdict.Token);
    }

    [Fact]
    public void Sign_ThePayloadNamesTheImpressionAndTheViewer_NeverTheBid()
    {
        var parts = Token.Sign(TokenKey).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));

        Assert.Equal("v2", parts[0]);
        Assert.Equal(["imp1", "t1", "u1", "c1", "r1"], payload.Split('|')[..5]);
        Assert.Equal(7, payload.Split('|').Length);
        Assert.DoesNotContain("cpc", payload, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("0.75", payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AGenuinelySignedV1TokenThatCarriedTheBid_IsMalformed()
    {
        var payload = "imp1|t1|u1|c1|r1|cpc|0.75|" + Now.ToUnixTimeMilliseconds() + "|" + Now.AddMinutes(15).ToUnixTimeMilliseconds();
        var signed = $"v1.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}";
        var v1 = $"{signed}.{Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(TokenKey, Encoding.ASCII.GetBytes(signed)))}";

        Assert.Equal(TokenRejection.Malformed, Verify(v1).Rejection);
    }

    [Fact]
    public void Verify_OtherKey_IsABadSignature() =>
        Assert.Equal(TokenRejection.BadSignature, Verify(Token.Sign(Enumerable.Repeat((byte)7, 32).ToArray())).Rejection);

    [Fact]
    public void Verify_TamperedPayload_IsABadSignature()
    {
        var parts = Token.Sign(TokenKey).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("|c1|", "|c2|", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";

        Assert.Equal(TokenRejection.BadSignature, Verify(tampered).Rejection);
    }

    [Fact]
    public void Verify_ForgedTokenForAnotherCampaign_IsABadSignature()
    {
        var forged = Token with { CampaignId = "c2" };
        var genuine = Token.Sign(TokenKey);
        var mixed = $"{forged.Sign(Enumerable.Repeat((byte)9, 32).ToArray())[..^43]}{genuine[^43..]}";

        Assert.Equal(TokenRejection.BadSignature, Verify(mixed).Rejection);
    }

    [Fact]
    public void Verify_AtOrAfterExpiry_IsExpired()
    {
        var token = Token.Sign(TokenKey);

        Assert.True(Verify(token, Token.ExpiresAt.AddMilliseconds(-1)).IsAccepted);
        Assert.Equal(TokenRejection.Expired, Verify(token, Token.ExpiresAt).Rejection);
    }

    [Fact]
    public void Verify_IssuedFarInTheFuture_IsRefused() =>
        Assert.Equal(TokenRejection.Expired, Verify(Token.Sign(TokenKey), Now - ImpressionToken.ClockSkew - TimeSpan.FromSeconds(1)).Rejection);

    [Theory]
    [InlineData("t2", "u1")]
    [InlineData("t1", "u2")]
    public void Verify_AnotherViewersToken_IsRefused(string tenantId, string userId) =>
        Assert.Equal(TokenRejection.WrongViewer, Verify(Token.Sign(TokenKey), tenantId: tenantId, userId: userId).Rejection);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("v1..")]
    [InlineData("v2.abc.def")]
    [InlineData("v1.abc.def.ghi")]
    [InlineData("v1.abc.!!!!")]
    public void Verify_Malformed_IsRefused(string? token) => Assert.Equal(TokenRejection.Malformed, Verify(token).Rejection);

    [Fact]
    public void Verify_OverlongToken_IsMalformed() =>
        Assert.Equal(TokenRejection.Malformed, Verify(Token.Sign(TokenKey) + new string('A', ImpressionToken.MaxLength)).Rejection);

    [Fact]
    public void Verify_NeverAcceptsArbitraryStrings() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), s => !Verify(s).IsAccepted).QuickCheckThrowOnFailure();

    [Fact]
    public void Verify_NeverAcceptsAnySingleCharacterChange()
    {
        var token = Token.Sign(TokenKey);
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        var changes = Gen.Choose(0, token.Length - 1).SelectMany(i => Gen.Elements(alphabet.ToCharArray()).Select(c => (i, c)));

        Prop.ForAll(Arb.From(changes), change =>
        {
            var (index, c) = change;
            var changed = string.Concat(token.AsSpan(0, index), c.ToString(), token.AsSpan(index + 1));
            return changed == token || !Verify(changed).IsAccepted;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void SignAndVerify_RefuseShortKeys()
    {
        Assert.Throws<ArgumentException>(() => Token.Sign(new byte[16]));
        Assert.Throws<ArgumentException>(() => ImpressionToken.Verify("x", new byte[16], "t1", "u1", Now));
    }
}
