using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LiveServerless.Emulators.SignalR.Auth;

/// <summary>Finds the access token the way SignalR clients send it.</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    /// <summary>
    /// The Authorization header (REST callers, negotiate, .NET WebSockets) or, because browsers cannot set headers on
    /// WebSocket and EventSource requests, the <c>access_token</c> query parameter when <paramref name="allowQuery"/> is set.
    /// </summary>
    public static string? From(HttpRequest request, bool allowQuery)
    {
        string? header = request.Headers[HeaderNames.Authorization];
        if (header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return header[Scheme.Length..].Trim();
        }

        return allowQuery ? request.Query["access_token"].FirstOrDefault() : null;
    }
}
