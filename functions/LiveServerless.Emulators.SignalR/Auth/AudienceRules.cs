using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.WebUtilities;

namespace LiveServerless.Emulators.SignalR.Auth;

/// <summary>
/// Which <c>aud</c> values address this emulator. The SDKs build audiences from the connection string
/// (<c>Endpoint=http://localhost;Port=N</c>) in more than one way: Microsoft.Azure.SignalR drops the port from client audiences
/// (<c>http://localhost/client/?hub=h</c>) while REST audiences are the request URL, port included. So an audience matches when it is
/// an http URL on a loopback host, with no port or this emulator's port, whose path (case-insensitive, trailing slash ignored) and,
/// for clients, whose <c>hub</c> query parameter are the expected ones.
/// </summary>
internal static class AudienceRules
{
    private const string ClientPath = "/client";

    public static bool IsClientAudience(string audience, string hub, int port) =>
        TryParseOwnUrl(audience, port, out var uri)
        && SamePath(uri.AbsolutePath, ClientPath)
        && QueryHelpers.ParseQuery(uri.Query).TryGetValue("hub", out var audienceHub)
        && string.Equals(audienceHub, hub, StringComparison.OrdinalIgnoreCase);

    /// <param name="requestPath">The path the REST request was sent to, as received (percent-decoding is applied to both sides).</param>
    public static bool IsServerAudience(string audience, string requestPath, int port) =>
        TryParseOwnUrl(audience, port, out var uri)
        && SamePath(Uri.UnescapeDataString(uri.AbsolutePath), Uri.UnescapeDataString(requestPath));

    private static bool TryParseOwnUrl(string audience, int port, [NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(audience, UriKind.Absolute, out uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && uri.IsLoopback
        && (uri.IsDefaultPort || uri.Port == port);

    private static bool SamePath(string actual, string expected) =>
        string.Equals(actual.TrimEnd('/'), expected.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
