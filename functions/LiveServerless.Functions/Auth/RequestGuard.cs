using System.Security.Cryptography;
using System.Text;
using LiveServerless.Domain.Tenants;
using LiveServerless.Domain.Users;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Http;
using LiveServerless.Functions.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using LiveServerless.Functions.Metering;

namespace LiveServerless.Functions.Auth;

/// <summary>
/// Authenticates callers and checks what they may do. Every function calls exactly one Require* method first, so the rule
/// "no credentials → 401, wrong scope → 403" holds the same way under the Functions host and DevHost.
/// </summary>
public sealed class RequestGuard(
    IOptions<AdminOptions> adminOptions,
    IPartnerKeyLookup tenants,
    UserTokens userTokens,
    IUserRecordLookup users,
    TokenStampStore stamps,
    SharedRateLimiter limiter,
    TenantQuotas quotas,
    UsageMeter usage)
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Where the guard leaves the caller and the limits it took, for the worker middleware (rate-limit fields, usage).</summary>
    public const string CallerItem = "liveserverless.caller";


    private const string ApiKeyChallenge = "ApiKey header=\"X-Api-Key\"";

    private readonly byte[]? _adminKeyHash = HashOrNull(adminOptions.Value.ApiKey);

    /// <summary>Admin routes: only the bootstrap admin key. A valid partner key is recognised but refused (403).</summary>
    public async Task RequireAdminAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var presented = PresentedApiKey(request);
        if (IsAdminKey(presented))
        {
            return;
        }

        await AuthenticatePartnerAsync(presented, cancellationToken);
        throw ProblemException.Forbidden("Only the admin key may manage tenants and keys.");
    }

    /// <summary>
    /// Partner routes: a live partner key that carries <paramref name="scope"/>; the key's tenant scopes every object. Every call is
    /// counted in the tenant's usage (per scope) and taken from the key's request quota (429 with Retry-After beyond it).
    /// </summary>
    public async Task<Partner> RequirePartnerAsync(HttpRequest request, PartnerScope scope, CancellationToken cancellationToken)
    {
        var presented = PresentedApiKey(request);
        if (IsAdminKey(presented))
        {
            throw ProblemException.Forbidden("The admin key cannot act inside a tenant; use a partner key issued for that tenant.");
        }

        var key = await AuthenticatePartnerAsync(presented, cancellationToken);
        if (!key.Allows(scope))
        {
            throw ProblemException.Forbidden($"This key lacks the '{scope.ToString().ToLowerInvariant()}' scope.");
        }

        var partner = new Partner(key.TenantId, key.Id, key.Scopes);
        request.HttpContext.Items[CallerItem] = partner;
        usage.CountApiCall(key.TenantId, scope);
        var policy = await quotas.PartnerRequestsAsync(key.TenantId, cancellationToken);
        var state = await limiter.TakeAsync(policy, Storage.TableNames.Scoped(key.TenantId, key.Id), 1, "This key is making more requests than its quota allows; slow down.", cancellationToken);
        request.HttpContext.Items[RateLimitFieldsMiddleware.StatesItem] = new[] { state };
        return partner;
    }

    /// <summary>
    /// Web-client routes: a valid user access token in Authorization: Bearer, checked against the user's current state on every
    /// request — a deleted user's token, and every token minted before a revocation or an erasure, is refused at once.
    /// </summary>
    public async Task<WebUser> RequireUserAsync(HttpRequest request) => (await RequireUserRecordAsync(request)).Caller;

    /// <summary>The same check, also handing back the user record it read (for routes that need the user's name or role).</summary>
    public async Task<(WebUser Caller, User Record)> RequireUserRecordAsync(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            throw ProblemException.Unauthorized("Send a user access token as Authorization: Bearer <token>.", "Bearer");
        }

        var (user, stamp) = await userTokens.ValidateAsync(header["Bearer ".Length..].Trim()) ?? throw InvalidToken();
        var cancellationToken = request.HttpContext.RequestAborted;
        var exists = users.GetAsync(user.TenantId, user.UserId, cancellationToken);
        var current = stamps.GetAsync(user.TenantId, user.UserId, cancellationToken);
        await Task.WhenAll(exists, current);
        if (await exists is not { } record || !string.Equals(await current, stamp, StringComparison.Ordinal))
        {
            throw InvalidToken();
        }

        request.HttpContext.Items[CallerItem] = user;
        return (user, record.Value);
    }

    /// <summary>
    /// Routes open to both: a partner key with <paramref name="scope"/> when X-Api-Key is sent, otherwise a user token.
    /// What a user may do there (e.g. only the room's staff may moderate) is the service's decision.
    /// </summary>
    public async Task<Caller> RequirePartnerOrUserAsync(HttpRequest request, PartnerScope scope, CancellationToken cancellationToken) =>
        request.Headers.ContainsKey(ApiKeyHeader)
            ? await RequirePartnerAsync(request, scope, cancellationToken)
            : await RequireUserAsync(request);

    private static ProblemException InvalidToken() =>
        ProblemException.Unauthorized("The access token is invalid, expired or revoked.", "Bearer error=\"invalid_token\"");

    private static string PresentedApiKey(HttpRequest request)
    {
        var presented = request.Headers[ApiKeyHeader].ToString();
        return presented.Length > 0
            ? presented
            : throw ProblemException.Unauthorized($"Send an API key in the {ApiKeyHeader} header.", ApiKeyChallenge);
    }

    private async Task<PartnerKey> AuthenticatePartnerAsync(string presented, CancellationToken cancellationToken)
    {
        var credential = ApiKeyCredential.TryParse(presented);
        var key = credential is null ? null : await tenants.GetKeyAsync(credential.TenantId, credential.KeyId, cancellationToken);
        if (key is null || key.IsRevoked || !key.Matches(credential!))
        {
            throw ProblemException.Unauthorized("The API key is invalid or has been revoked.", ApiKeyChallenge);
        }

        return key;
    }

    /// <summary>Compares hashes so the comparison takes the same time whatever the presented key's length.</summary>
    private bool IsAdminKey(string presented) =>
        _adminKeyHash is not null && CryptographicOperations.FixedTimeEquals(_adminKeyHash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    private static byte[]? HashOrNull(string? key) =>
        string.IsNullOrEmpty(key) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
