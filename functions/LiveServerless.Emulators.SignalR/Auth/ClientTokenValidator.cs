using Microsoft.IdentityModel.JsonWebTokens;

namespace LiveServerless.Emulators.SignalR.Auth;

/// <summary>Validates the access token a client presents on negotiate and connect, and finds its user id.</summary>
internal sealed class ClientTokenValidator(AccessKeyTokenValidator tokens)
{
    // Microsoft.Azure.SignalR writes the user id to its own system claim; serverless negotiate code (ours, the Functions
    // extension, the Management SDK) writes ClaimTypes.NameIdentifier, which JWT handlers serialize as "nameid".
    private const string SystemUserIdClaim = "asrs.s.uid";
    private const string NameIdClaim = "nameid";

    public async Task<AuthenticationOutcome> ValidateAsync(string? token, string hub, int port)
    {
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticationOutcome.Fail("no access token");
        }

        var (jwt, failure) = await tokens.ValidateAsync(token);
        if (jwt is null)
        {
            return AuthenticationOutcome.Fail(failure!);
        }

        return jwt.Audiences.Any(audience => AudienceRules.IsClientAudience(audience, hub, port))
            ? AuthenticationOutcome.Success(UserIdOf(jwt))
            : AuthenticationOutcome.Fail($"audience is not this emulator's client endpoint for hub '{hub}'");
    }

    private static string? UserIdOf(JsonWebToken jwt) =>
        jwt.TryGetPayloadValue<string>(SystemUserIdClaim, out var systemUserId) && !string.IsNullOrEmpty(systemUserId)
            ? systemUserId
            : jwt.TryGetPayloadValue<string>(NameIdClaim, out var nameId) && !string.IsNullOrEmpty(nameId) ? nameId : null;
}
