using System.Security.Cryptography;

namespace LiveServerless.Domain.Webhooks;

/// <summary>
/// A subscription's signing secret in the Standard Webhooks form: <c>whsec_</c> + base64 of 24 random bytes. The bytes after the
/// prefix (base64-decoded) are the HMAC key; receivers using a Standard Webhooks library pass the whole string.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    private const int KeyBytes = 24;

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The HMAC key a secret stands for.</summary>
    public static byte[] KeyOf(string secret) =>
        Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
}
