using System.Globalization;
using System.Security.Cryptography;

namespace LiveServerless.Domain.Chat;

/// <summary>
/// Message ids sort newest-first as plain strings: 19 digits of "max ticks minus sent ticks", then 8 random hex digits so
/// two messages in the same tick never collide. Storage returns a room's rows in key order, so history reads newest-first
/// without sorting, and "messages newer than id X" is simply "keys less than X".
/// </summary>
public static class ChatMessageIds
{
    public static string New(DateTimeOffset sentAt) =>
        (DateTimeOffset.MaxValue.UtcTicks - sentAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>True when <paramref name="id"/> has the shape of a message id (so it can be used as a range bound).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 27 } && id[..19].All(char.IsAsciiDigit) && id[19..].All(char.IsAsciiHexDigitLower);
}
