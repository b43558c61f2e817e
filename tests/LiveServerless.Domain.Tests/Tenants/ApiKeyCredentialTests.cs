using LiveServerless.Domain.Tenants;

namespace LiveServerless.Domain.Tests.Tenants;

public sealed class ApiKeyCredentialTests
{
    [Fact]
    public void Generate_ThenParse_RoundTrips()
    {
        var credential = ApiKeyCredential.Generate("tenant1", "key1");

        var parsed = ApiKeyCredential.TryParse(credential.Value);

        Assert.Equal(credential, parsed);
    }

    [Fact]
    public void Generate_TwoKeys_HaveDifferentSecrets()
    {
        var first = ApiKeyCredential.Generate("t", "k");
        var second = ApiKeyCredential.Generate("t", "k");

        Assert.NotEqual(first.Secret, second.Secret);
        Assert.True(first.Secret.Length >= 43, "a 256-bit secret is at least 43 base64url characters");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("lsk.t.k")]
    [InlineData("xyz.t.k.secret")]
    [InlineData("lsk.t/1.k.secret")]
    [InlineData("lsk.t.k.")]
    [InlineData("lsk.t.k.s.extra")]
    public void TryParse_Malformed_ReturnsNull(string? value) => Assert.Null(ApiKeyCredential.TryParse(value));

    [Fact]
    public void ToString_NeverShowsTheSecret()
    {
        var credential = ApiKeyCredential.Generate("t", "k");

        Assert.DoesNotContain(credential.Secret, credential.ToString(), StringComparison.Ordinal);
    }
}
