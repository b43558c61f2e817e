using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// Checks a SAS token (<c>SharedAccessSignature sr=…&amp;sig=…&amp;se=…&amp;skn=…</c>) the way the service does: the signature is
/// HMAC-SHA256, keyed with the UTF-8 bytes of the shared access key, over the URL-encoded resource, a newline and the expiry
/// (Unix seconds); the key name must be the configured one and the expiry in the future.
/// </summary>
internal sealed class SharedAccessSignature(string keyName, string key, TimeProvider clock)
{
    private const string Prefix = "SharedAccessSignature ";

    public static bool IsOne(string? token) => token?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>Null when the token is valid; otherwise the service's wording of why it is not.</summary>
    public string? Refusal(string? token)
    {
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "MalformedToken: The credentials contained in the authorization header are not in the WRAP format.";
        }

        var fields = Fields(token[Prefix.Length..]);
        if (!fields.TryGetValue("sr", out var resource) || !fields.TryGetValue("sig", out var signature)
            || !fields.TryGetValue("se", out var expiry) || !fields.TryGetValue("skn", out var tokenKeyName)
            || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAtUnixSeconds))
        {
            return "MalformedToken: The SAS token must carry sr, sig, se and skn.";
        }

        if (!string.Equals(tokenKeyName, keyName, StringComparison.Ordinal) || !SignatureMatches(resource, expiry, signature))
        {
            return "InvalidSignature: The token has an invalid signature.";
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAtUnixSeconds);
        return expiresAt <= clock.GetUtcNow()
            ? $"ExpiredToken: The token is expired. Expiration time: '{expiresAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}'"
            : null;
    }

    private bool SignatureMatches(string resource, string expiry, string signature)
    {
        // sr is signed in its URL-encoded form, exactly as it appears in the token.
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{resource}\n{expiry}"));
        Span<byte> presented = stackalloc byte[64];
        return Convert.TryFromBase64String(Uri.UnescapeDataString(signature), presented, out var length)
            && CryptographicOperations.FixedTimeEquals(expected, presented[..length]);
    }

    private static Dictionary<string, string> Fields(string fields)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in fields.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0)
            {
                result[pair[..separator]] = pair[(separator + 1)..];
            }
        }

        return result;
    }
}
