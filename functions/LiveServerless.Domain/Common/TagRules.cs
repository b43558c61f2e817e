namespace LiveServerless.Domain.Common;

/// <summary>Tags describe interests (users) and content (rooms); they are matched case-insensitively, so they are stored normalised.</summary>
public static class TagRules
{
    public const int MaxCount = 20;

    public const int MaxLength = 32;

    public static IReadOnlyList<string> Normalize(IEnumerable<string> tags) =>
        tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    public static void Validate(FieldErrors errors, string field, IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        errors.When(tags.Count > MaxCount, field, $"at most {MaxCount} tags are allowed");
        errors.When(tags.Any(t => t is null || string.IsNullOrWhiteSpace(t)), field, "tags must not be empty");
        errors.When(tags.Any(t => t is not null && t.Trim().Length > MaxLength), field, $"each tag is at most {MaxLength} characters");
    }
}
