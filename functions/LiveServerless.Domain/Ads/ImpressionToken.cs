using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Ads;

/// <summary>
/// The signed receipt of one served ad, which the client posts back with its ad_impression and ad_click interactions.
/// Format: <c>v2.{payload}.{signature}</c>, both base64url; the payload is the UTF-8 text
/// <c>impressionId|tenantId|userId|campaignId|roomId|issuedAtMs|expiresAtMs</c> (ids cannot contain '|'), the signature
/// HMAC-SHA256 over <c>v2.{payload}</c> with the app's key (Ads:ImpressionTokenKey). The signature is checked, in constant time, before
/// a single payload field is read. The payload is readable by whoever holds the token, so it names nothing a viewer or a competing
/// advertiser should learn: the bid type and price stay in the viewer's ledger (<see cref="ServedAd"/>), which bills from them.
/// (v1 tokens carried the bid; they are refused as malformed, and lived five minutes.) Verifying proves the server issued the token to this viewer of this tenant and that it is still
/// live; that a token is counted once is the ledger's job (<see cref="UserAdLedger.Track"/>), not the token's.
/// </summary>
public sealed record ImpressionToken(
    string ImpressionId,
    string TenantId,
    string UserId,
    string CampaignId,
    string RoomId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt)
{
    public const int MinKeyBytes = 32;

    public const int MaxLength = 1024;

    /// <summary>Instances' clocks differ a little; a token issued this far "in the future" is still accepted.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private const string Version = "v2";

    /// <summary>A 32-byte HMAC-SHA256 in unpadded base64url.</summary>
    private const int SignatureChars = 43;

    public string Sign(byte[] key)
    {
        EnsureKey(key);
        var signed = $"{Version}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Payload()))}";
        return $"{signed}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)))}";
    }

    /// <summary>Checks a token a viewer presented; never throws on bad input.</summary>
    public static TokenVerification Verify(string? token, byte[] key, string tenantId, string userId, DateTimeOffset now)
    {
        EnsureKey(key);
        var parts = token is { Length: > 0 and <= MaxLength } ? token.Split('.') : [];
        if (parts.Length != 3 || parts[0] != Version || parts[2].Length != SignatureChars)
        {
            return TokenVerification.Rejected(TokenRejection.Malformed);
        }

        // Comparing encodings rather than decoded bytes leaves one valid spelling per token: no variant differing in unused bits.
        var expected = Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}")));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2])))
        {
            return TokenVerification.Rejected(TokenRejection.BadSignature);
        }

        var parsed = Parse(parts[1]);
        if (parsed is null)
        {
            return TokenVerification.Rejected(TokenRejection.Malformed);
        }

        if (parsed.TenantId != tenantId || parsed.UserId != userId)
        {
            return TokenVerification.Rejected(TokenRejection.WrongViewer);
        }

        return now >= parsed.ExpiresAt || parsed.IssuedAt > now + ClockSkew
            ? TokenVerification.Rejected(TokenRejection.Expired)
            : TokenVerification.Accepted(parsed);
    }

    private string Payload() => string.Join(
        '|',
        ImpressionId,
        TenantId,
        UserId,
        CampaignId,
        RoomId,
        IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>Only ever called on a payload we signed, but still parsed defensively: a leaked key must not crash the ingest.</summary>
    private static ImpressionToken? Parse(string encodedPayload)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encodedPayload));
        }
        catch (FormatException)
        {
            return null;
        }

        var f = text.Split('|');
        if (f.Length != 7 || !f[..5].All(Ids.IsValid) ||
            !long.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out var issued) ||
            !long.TryParse(f[6], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) ||
            issued > MaxUnixMilliseconds || expires > MaxUnixMilliseconds)
        {
            return null;
        }

        return new ImpressionToken(
            f[0], f[1], f[2], f[3], f[4], DateTimeOffset.FromUnixTimeMilliseconds(issued), DateTimeOffset.FromUnixTimeMilliseconds(expires));
    }

    private static long MaxUnixMilliseconds => DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private static void EnsureKey(byte[] key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"The impression token key must have at least {MinKeyBytes} bytes.", nameof(key));
        }
    }
}

/// <summary>Why a presented token was refused; the ingest answers all of them alike (the event is dropped) but logs the reason.</summary>
public enum TokenRejection
{
    Malformed,
    BadSignature,
    WrongViewer,
    Expired,
}

/// <summary>The verdict on a presented token: the token when accepted, the reason when not.</summary>
public sealed record TokenVerification(ImpressionToken? Token, TokenRejection? Rejection)
{
    public bool IsAccepted => Token is not null;

    internal static TokenVerification Accepted(ImpressionToken token) => new(token, null);

    internal static TokenVerification Rejected(TokenRejection reason) => new(null, reason);
}
