using Microsoft.AspNetCore.Http;

namespace LiveServerless.Emulators.SignalR.Auth;

/// <summary>
/// Validates the server token on a REST call. Its audience must be the request URL without the query string: the REST API doc says so,
/// and Microsoft.Azure.SignalR.Management's AccessTokenHttpMessageHandler uses <c>RequestUri.GetLeftPart(UriPartial.Path)</c>.
/// </summary>
internal sealed class ServerTokenValidator(AccessKeyTokenValidator tokens)
{
    public async Task<AuthenticationOutcome> ValidateAsync(HttpRequest request)
    {
        var token = BearerToken.From(request, allowQuery: false);
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticationOutcome.Fail("no bearer token");
        }

        var (jwt, failure) = await tokens.ValidateAsync(token);
        if (jwt is null)
        {
            return AuthenticationOutcome.Fail(failure!);
        }

        var path = (request.PathBase + request.Path).ToUriComponent();
        // The audience is the URL the caller addressed, as the Host header states it — which differs from the listening port
        // when a TCP proxy (a test's fault injector) sits in between.
        var port = request.Host.Port ?? request.HttpContext.Connection.LocalPort;
        return jwt.Audiences.Any(audience => AudienceRules.IsServerAudience(audience, path, port))
            ? AuthenticationOutcome.Success(userId: null)
            : AuthenticationOutcome.Fail($"audience is not the request URL '{path}'");
    }
}
