using LiveServerless.Domain.Common;
using LiveServerless.Domain.Rooms;

namespace LiveServerless.Domain.Chat;

/// <summary>Everything the chat rules need to know about one attempt to post a message.</summary>
public sealed record ChatAttempt(
    Room Room,
    string SenderId,
    bool SenderIsStaff,
    string? Text,
    DateTimeOffset? BannedSince,
    DateTimeOffset? MutedUntil,
    bool SenderFollowsHost,
    DateTimeOffset? SendersPreviousMessageAt,
    DateTimeOffset Now);

/// <summary>
/// The rules a message must pass before it is stored, in the order a user would want to hear about them: is there a chat to
/// post to, may this person post, may they post now, and is the text acceptable. Staff (the host and moderators) are exempt
/// from slow mode and followers-only. Each refusal is the domain exception that maps to its HTTP status.
/// </summary>
public static class ChatGate
{
    public static string Check(ChatAttempt attempt)
    {
        var room = attempt.Room;
        if (room.Status != RoomStatus.Live)
        {
            throw new ConflictException($"Room '{room.Id}' is not live; chat opens when the room starts.");
        }

        if (attempt.BannedSince is not null)
        {
            throw new ForbiddenException("You are banned from this room.");
        }

        if (attempt.MutedUntil is { } mutedUntil && mutedUntil > attempt.Now)
        {
            throw new ForbiddenException($"You are muted in this room until {mutedUntil:O}.");
        }

        if (room.Chat.FollowersOnly && !attempt.SenderIsStaff && !attempt.SenderFollowsHost)
        {
            throw new ForbiddenException("Chat in this room is for followers of the host only.");
        }

        if (SlowModeWait(attempt) is { } wait)
        {
            throw new RateLimitedException($"Slow mode: one message every {room.Chat.SlowModeSeconds}s.", wait);
        }

        return CheckText(attempt.Text, room.Chat);
    }

    /// <summary>The trimmed text, if it is not empty, fits the room's limit and contains no banned word.</summary>
    public static string CheckText(string? text, ChatSettings settings)
    {
        var trimmed = text?.Trim() ?? "";
        var errors = new FieldErrors()
            .When(trimmed.Length == 0, "text", "is required")
            .When(trimmed.Length > settings.MaxMessageLength, "text", $"must be at most {settings.MaxMessageLength} characters in this room")
            .When(trimmed.Any(c => char.IsControl(c) && c is not '\n'), "text", "must not contain control characters")
            .When(ContainsBannedWord(trimmed, settings.BannedWords), "text", "contains a word that is not allowed in this room");
        errors.ThrowIfAny();
        return trimmed;
    }

    /// <summary>Banned words match whole words, case-insensitively ("ass" does not ban "class").</summary>
    public static bool ContainsBannedWord(string text, IReadOnlyList<string> bannedWords)
    {
        if (bannedWords.Count == 0)
        {
            return false;
        }

        var words = text.ToLowerInvariant().Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);
        return bannedWords.Any(banned => banned.Contains(' ', StringComparison.Ordinal)
            ? text.Contains(banned, StringComparison.OrdinalIgnoreCase)
            : words.Contains(banned, StringComparer.Ordinal));
    }

    private static readonly char[] WordSeparators = [.. " \t\n.,;:!?\"'()[]{}<>/\\|-_*~`@#$%^&+=".ToCharArray()];

    private static TimeSpan? SlowModeWait(ChatAttempt attempt)
    {
        var slowMode = TimeSpan.FromSeconds(attempt.Room.Chat.SlowModeSeconds);
        if (slowMode <= TimeSpan.Zero || attempt.SenderIsStaff || attempt.SendersPreviousMessageAt is not { } previous)
        {
            return null;
        }

        var wait = previous + slowMode - attempt.Now;
        return wait > TimeSpan.Zero ? wait : null;
    }
}
