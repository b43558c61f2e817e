using System.Text;
using LiveServerless.Domain.Users;
using LiveServerless.Functions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveServerless.Functions.Auth;

/// <summary>
/// Mints and validates the short-lived user access tokens web clients send as Bearer tokens (HS256 JWTs).
/// The tenant travels in the token so a user of one tenant can never act inside another.
/// </summary>
public sealed class UserTokens(IOptions<UserTokenOptions> options, TimeProvider time)
{
    public const string Audience = "liveserverless-clients";

    public const string TenantClaim = "tid";

    public const string RoleClaim = "role";

    /// <summary>The user's token stamp when the token was minted (<see cref="TokenStampStore"/>).</summary>
    public const string StampClaim = "stamp";

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private readonly UserTokenOptions _options = options.Value;

    private readonly SymmetricSecurityKey _key = new(Encoding.UTF8.GetBytes(options.Value.SigningKey));

    public (string Token, DateTimeOffset ExpiresAt) Mint(string tenantId, string userId, UserRole role, string stamp, TimeSpan? lifetime = null)
    {
        var now = time.GetUtcNow();
        var expiresAt = now + (lifetime ?? TimeSpan.FromMinutes(_options.LifetimeMinutes));
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = userId,
                [TenantClaim] = tenantId,
                [RoleClaim] = role.ToString().ToLowerInvariant(),
                [StampClaim] = stamp,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expiresAt);
    }

    public TimeSpan MaxLifetime => TimeSpan.FromMinutes(_options.MaxLifetimeMinutes);

    /// <summary>
    /// The user the token stands for with the stamp it was minted under, or null when it is forged, expired, or not one of ours.
    /// Whether the stamp is still current is the guard's check (<see cref="RequestGuard.RequireUserAsync"/>).
    /// </summary>
    public async Task<(WebUser User, string Stamp)?> ValidateAsync(string token)
    {
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, parameters) => IsWithinLifetime(notBefore, expires, parameters.ClockSkew),
        });
        if (!result.IsValid)
        {
            return null;
        }

        var claims = result.ClaimsIdentity;
        var userId = claims.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        var tenantId = claims.FindFirst(TenantClaim)?.Value;
        var stamp = claims.FindFirst(StampClaim)?.Value;
        var isKnownRole = Enum.TryParse<UserRole>(claims.FindFirst(RoleClaim)?.Value, ignoreCase: true, out var role);
        return userId is null || tenantId is null || stamp is null || !isKnownRole
            ? null
            : (new WebUser(tenantId, userId, role) { TokenExpiresAt = new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero) }, stamp);
    }

    /// <summary>Lifetime is checked against the injected clock (not the machine clock) so expiry is testable and consistent.</summary>
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is not null && now < expires.Value + skew && (notBefore is null || now >= notBefore.Value - skew);
    }
}
