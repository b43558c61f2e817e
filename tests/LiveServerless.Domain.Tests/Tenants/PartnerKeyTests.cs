using LiveServerless.Domain.Common;
using LiveServerless.Domain.Tenants;

namespace LiveServerless.Domain.Tests.Tenants;

public sealed class PartnerKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Issue_StoresOnlyTheHash()
    {
        var (key, credential) = PartnerKey.Issue("t1", "backend", [PartnerScope.Users], Now);

        Assert.DoesNotContain(credential.Secret, key.SecretHash, StringComparison.Ordinal);
        Assert.True(key.Matches(credential));
    }

    [Fact]
    public void Matches_OtherSecret_IsFalse()
    {
        var (key, credential) = PartnerKey.Issue("t1", null, [PartnerScope.Users], Now);

        Assert.False(key.Matches(credential with { Secret = credential.Secret + "x" }));
        Assert.False(key.Matches(credential with { TenantId = "t2" }));
    }

    [Fact]
    public void Issue_WithoutScopes_IsInvalid()
    {
        var error = Assert.Throws<ValidationException>(() => PartnerKey.Issue("t1", null, [], Now));

        Assert.Contains("scopes", error.Errors.Keys);
    }

    [Fact]
    public void Issue_DuplicateScopes_AreStoredOnce()
    {
        var (key, _) = PartnerKey.Issue("t1", null, [PartnerScope.Rooms, PartnerScope.Users, PartnerScope.Rooms], Now);

        Assert.Equal([PartnerScope.Users, PartnerScope.Rooms], key.Scopes);
    }

    [Fact]
    public void Allows_OnlyItsScopes()
    {
        var (key, _) = PartnerKey.Issue("t1", null, [PartnerScope.Rooms], Now);

        Assert.True(key.Allows(PartnerScope.Rooms));
        Assert.False(key.Allows(PartnerScope.Users));
    }

    [Fact]
    public void Revoke_Twice_KeepsTheFirstRevocationTime()
    {
        var (key, _) = PartnerKey.Issue("t1", null, [PartnerScope.Rooms], Now);

        var revoked = key.Revoke(Now).Revoke(Now.AddHours(1));

        Assert.True(revoked.IsRevoked);
        Assert.Equal(Now, revoked.RevokedAt);
    }
}
