using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveServerless.Emulators.SignalR.Auth;

/// <summary>
/// Checks what every token the service accepts has in common: an HMAC signature made with the access key's UTF-8 bytes
/// (Microsoft.Azure.SignalR's AuthUtility signs that way) and a lifetime. Audiences differ per endpoint and are checked by the callers.
/// </summary>
internal sealed class AccessKeyTokenValidator
{
    // Enough for a dev machine whose clock matches the function app's; small enough that an expired token is noticed.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;

    public AccessKeyTokenValidator(SignalREmulatorOptions options)
    {
        SecurityKey key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.AccessKey));
        _parameters = new TokenValidationParameters
        {
            // The SDKs stamp "kid" with the key string's hash code, which varies by process; with a single key it carries no information.
            IssuerSigningKeyResolver = (_, _, _, _) => [key],
            // HS256 is the SDKs' default; HS512 is their other option (AccessTokenAlgorithm). Anything else, "none" included, is refused.
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha512],
            RequireSignedTokens = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
        };
    }

    public async Task<(JsonWebToken? Token, string? Failure)> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        return result.IsValid
            ? ((JsonWebToken)result.SecurityToken, null)
            : (null, result.Exception?.Message ?? "invalid token");
    }
}
