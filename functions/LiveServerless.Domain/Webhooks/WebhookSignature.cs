using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveServerless.Domain.Webhooks;

/// <summary>
/// The Standard Webhooks signature (https://www.standardwebhooks.com): <c>v1,</c> + base64 of HMAC-SHA256 over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the subscription's secret. Receivers compute the same and compare in
/// constant time; the header may carry several space-separated signatures (during a secret rotation), any one of which may match.
/// </summary>
public static class WebhookSignature
{
    public const string Version = "v1";

    public static string Sign(string secret, string webhookId, DateTimeOffset timestamp, string body) =>
        Version + "," + Convert.ToBase64String(Mac(WebhookSecret.KeyOf(secret), webhookId, Seconds(timestamp), body));

    /// <summary>True when one of the header's <c>v1,</c> signatures is the body's, and the timestamp is within <paramref name="tolerance"/> of now.</summary>
    public static bool Verify(string secret, string webhookId, string timestampHeader, string signatureHeader, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Mac(WebhookSecret.KeyOf(secret), webhookId, timestampHeader, body);
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = candidate.Split(',', 2);
            if (parts.Length == 2 && parts[0] == Version && TryDecode(parts[1]) is { } presented &&
                CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                return true;
            }
        }

        return false;
    }

    public static string Seconds(DateTimeOffset timestamp) => timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static byte[] Mac(byte[] key, string webhookId, string timestamp, string body) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}"));

    private static byte[]? TryDecode(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }
}
