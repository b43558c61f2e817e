using System.Globalization;
using System.Security.Cryptography;

namespace LiveServerless.Domain.Chat;

/// <summary>
/// Ids that sort newest-first as plain strings: 19 digits counting down, then 8 random hex digits (unguessable, and unique
/// within one count). Storage returns a room's rows in key order, so history reads newest-first without sorting, and
/// "messages newer than id X" is simply "keys less than X".
/// </summary>
public static class ChatMessageIds
{
    /// <summary>Room sequence numbers stay below this; it is also below the time-based ids of this era, which older messages had.</summary>
    private const long SeqCeiling = 1_000_000_000_000_000_000;

    /// <summary>
    /// A chat message's id, derived from its place in the room's order (<paramref name="seq"/>): history then lists messages in
    /// exactly the order every client received them, whichever instance of the app stored them and whatever its clock said.
    /// </summary>
    public static string ForSeq(long seq)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seq);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(seq, SeqCeiling);
        return (SeqCeiling - seq).ToString("D19", CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    }

    /// <summary>A time-ordered id (moderation log entries): newer times sort first.</summary>
    public static string New(DateTimeOffset sentAt) =>
        (DateTimeOffset.MaxValue.UtcTicks - sentAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>True when <paramref name="id"/> has the shape of a message id (so it can be used as a range bound).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 27 } && id[..19].All(char.IsAsciiDigit) && id[19..].All(char.IsAsciiHexDigitLower);
}
