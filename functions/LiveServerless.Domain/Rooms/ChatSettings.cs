using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Rooms;

/// <summary>How chat behaves in a room.</summary>
public sealed record ChatSettings(int SlowModeSeconds, int MaxMessageLength, bool FollowersOnly, IReadOnlyList<string> BannedWords)
{
    public const int MaxSlowModeSeconds = 3600;

    public const int DefaultMaxMessageLength = 500;

    public const int MaxMessageLengthLimit = 2000;

    public const int MaxBannedWords = 200;

    public const int MaxBannedWordLength = 50;

    public static ChatSettings Default { get; } = new(0, DefaultMaxMessageLength, false, []);

    public static void Validate(FieldErrors errors, int? slowModeSeconds, int? maxMessageLength, IReadOnlyList<string>? bannedWords)
    {
        errors.When(slowModeSeconds is < 0 or > MaxSlowModeSeconds, "slowModeSeconds", $"must be between 0 and {MaxSlowModeSeconds}");
        errors.When(maxMessageLength is < 1 or > MaxMessageLengthLimit, "maxMessageLength", $"must be between 1 and {MaxMessageLengthLimit}");
        if (bannedWords is null)
        {
            return;
        }

        errors.When(bannedWords.Count > MaxBannedWords, "bannedWords", $"at most {MaxBannedWords} words are allowed");
        errors.When(bannedWords.Any(w => w is null || string.IsNullOrWhiteSpace(w)), "bannedWords", "words must not be empty");
        errors.When(bannedWords.Any(w => w is not null && w.Length > MaxBannedWordLength), "bannedWords", $"each word is at most {MaxBannedWordLength} characters");
    }

    /// <summary>Banned words are matched case-insensitively, so they are stored lower-case and without duplicates.</summary>
    public static IReadOnlyList<string> NormalizeWords(IEnumerable<string> words) =>
        words.Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
}
