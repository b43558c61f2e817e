using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Ads;

/// <summary>
/// Who may see a campaign. Every dimension that is set must match (AND across dimensions); within a dimension one matching value
/// is enough (OR). An empty dimension does not restrict, so a campaign with no dimension set runs everywhere.
/// Tags match the room's tags or the user's interest tags, segments match the user's segments, categories match the room's category.
/// Values are compared ordinally after trimming and lower-casing, the same normalisation rooms and users get.
/// </summary>
public sealed record Targeting(IReadOnlyList<string> Tags, IReadOnlyList<string> Segments, IReadOnlyList<string> Categories)
{
    public const int MaxValues = 20;

    public const int MaxValueLength = 64;

    public static Targeting Everyone { get; } = new([], [], []);

    public bool IsUntargeted() => Tags.Count == 0 && Segments.Count == 0 && Categories.Count == 0;

    public bool Matches(AdRequest request) =>
        (Categories.Count == 0 || (request.RoomCategory is { } category && AnyIn(Categories, category))) &&
        (Segments.Count == 0 || AnyIn(Segments, request.Audience.Segments)) &&
        (Tags.Count == 0 || AnyIn(Tags, request.RoomTags) || AnyIn(Tags, request.Audience.InterestTags));

    /// <summary>A draft of null means "everyone".</summary>
    internal static void Validate(FieldErrors errors, TargetingDraft? draft)
    {
        if (draft is null)
        {
            return;
        }

        TagRules.Validate(errors, "targeting.tags", draft.Tags);
        ValidateValues(errors, "targeting.segments", draft.Segments);
        ValidateValues(errors, "targeting.categories", draft.Categories);
    }

    /// <summary>The normalised targeting of a draft that passed <see cref="Validate"/>.</summary>
    internal static Targeting Of(TargetingDraft? draft) =>
        draft is null ? Everyone : new Targeting(Normalize(draft.Tags), Normalize(draft.Segments), Normalize(draft.Categories));

    public TargetingDraft ToDraft() => new(Tags, Segments, Categories);

    /// <summary>The normalisation both sides of a match use: trimmed, lower-case, distinct.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string>? values) => TagRules.Normalize(values ?? []);

    /// <summary>Plain loops: this runs for every candidate of every decision.</summary>
    private static bool AnyIn(IReadOnlyList<string> values, IReadOnlySet<string> set)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (set.Contains(values[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyIn(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void ValidateValues(FieldErrors errors, string field, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        errors.When(values.Count > MaxValues, field, $"at most {MaxValues} values are allowed");
        errors.When(values.Any(string.IsNullOrWhiteSpace), field, "values must not be empty");
        errors.When(values.Any(v => v is not null && v.Trim().Length > MaxValueLength), field, $"each value is at most {MaxValueLength} characters");
        errors.When(values.Any(v => v is not null && v.Any(char.IsControl)), field, "values must not contain control characters");
    }
}

/// <summary>Targeting as a partner sends it; a missing list means "no restriction on that dimension".</summary>
public sealed record TargetingDraft(IReadOnlyList<string>? Tags, IReadOnlyList<string>? Segments, IReadOnlyList<string>? Categories);
