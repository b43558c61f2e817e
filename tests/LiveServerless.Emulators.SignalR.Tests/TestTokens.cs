using System.Globalization;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveServerless.Emulators.SignalR.Tests;

/// <summary>Mints tokens the way Microsoft.Azure.SignalR does: HS256 over the key's UTF-8 bytes, kid = the key's hash code.</summary>
public static class TestTokens
{
    private static readonly JsonWebTokenHandler Handler = new();

    public static string Client(string accessKey, string audience, string? userId, string userIdClaim = "nameid") =>
        Create(accessKey, audience, userId is null ? [] : new Dictionary<string, object> { [userIdClaim] = userId }, TimeSpan.FromHours(1));

    public static string Server(string accessKey, string audience) =>
        Create(accessKey, audience, new Dictionary<string, object> { ["nameid"] = "test-server" }, TimeSpan.FromHours(1));

    public static string Expired(string accessKey, string audience) =>
        Create(accessKey, audience, new Dictionary<string, object> { ["nameid"] = "late" }, TimeSpan.FromHours(-1));

    private static string Create(string accessKey, string audience, Dictionary<string, object> claims, TimeSpan expiresIn)
    {
        var now = DateTime.UtcNow;
        var notBefore = expiresIn > TimeSpan.Zero ? now : now + expiresIn - TimeSpan.FromHours(1);
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(accessKey))
        {
            KeyId = accessKey.GetHashCode(StringComparison.Ordinal).ToString(CultureInfo.InvariantCulture),
        };
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Audience = audience,
            Claims = claims,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = now + expiresIn,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
