using System.Buffers.Text;
using System.Text;
using LiveServerless.Domain.Common;

namespace LiveServerless.Functions.Storage;

/// <summary>
/// Clients get storage continuation tokens wrapped in base64url, so they are opaque and URL-safe. A token that does not
/// unwrap is a 400. A token is only ever used inside the caller's own partition filter, so a crafted one cannot reach
/// another tenant's rows.
/// </summary>
public static class ContinuationTokens
{
    public static string? Wrap(string? storageToken) =>
        storageToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(storageToken));

    public static string? Unwrap(string? clientToken)
    {
        if (clientToken is null)
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(clientToken));
            if (decoded.Length > 0 && !decoded.Any(char.IsControl))
            {
                return decoded;
            }
        }
        catch (FormatException)
        {
        }

        throw ValidationException.ForField("continuationToken", "is not a continuation token issued by this API");
    }
}
