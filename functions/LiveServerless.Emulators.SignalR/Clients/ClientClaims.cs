using System.Security.Claims;

namespace LiveServerless.Emulators.SignalR.Clients;

/// <summary>The principal a validated client connection carries into the hub.</summary>
internal static class ClientClaims
{
    private const string HubClaimType = "emulator.hub";
    private const string AuthenticationType = "SignalRServiceAccessKey";

    /// <summary>The user id goes into <see cref="ClaimTypes.NameIdentifier"/>, which SignalR's default user id provider reads.</summary>
    public static ClaimsPrincipal Create(string hub, string? userId)
    {
        List<Claim> claims = [new(HubClaimType, hub)];
        if (userId is not null)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, userId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType));
    }

    public static string HubOf(ClaimsPrincipal? user) =>
        user?.FindFirst(HubClaimType)?.Value ?? throw new InvalidOperationException("The connection was not authenticated by the emulator.");
}
