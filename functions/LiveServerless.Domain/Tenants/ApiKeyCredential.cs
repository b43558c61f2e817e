using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace LiveServerless.Domain.Tenants;

/// <summary>
/// The clear-text form of a partner key: <c>lsk.{tenantId}.{keyId}.{secret}</c>. The tenant and key ids let the server find the
/// stored hash with one point read; the 256-bit random secret makes a plain SHA-256 hash sufficient (no password stretching needed).
/// </summary>
public sealed record ApiKeyCredential(string TenantId, string KeyId, string Secret)
{
    private const string Prefix = "lsk";

    private const int SecretBytes = 32;

    /// <summary>The value a partner sends in X-Api-Key.</summary>
    public string Value => $"{Prefix}.{TenantId}.{KeyId}.{Secret}";

    public static ApiKeyCredential Generate(string tenantId, string keyId) =>
        new(tenantId, keyId, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes)));

    /// <summary>Parses a presented key; anything not shaped like one of ours yields null (and so 401 upstream).</summary>
    public static ApiKeyCredential? TryParse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 256)
        {
            return null;
        }

        var parts = value.Split('.');
        if (parts.Length != 4 || parts[0] != Prefix || !Common.Ids.IsValid(parts[1]) || !Common.Ids.IsValid(parts[2]) || parts[3].Length == 0)
        {
            return null;
        }

        return new ApiKeyCredential(parts[1], parts[2], parts[3]);
    }

    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Value)));

    public bool HashEquals(string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash()), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>Never print the secret, not even in logs or debugger views.</summary>
    public override string ToString() => $"{Prefix}.{TenantId}.{KeyId}.***";
}
