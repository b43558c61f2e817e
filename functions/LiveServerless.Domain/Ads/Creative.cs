using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Ads;

/// <summary>What the viewer sees and where a click leads.</summary>
public sealed record Creative(string Title, string ImageUrl, string ClickUrl)
{
    public const int MaxTitleLength = 100;

    internal static void Validate(FieldErrors errors, CreativeDraft? draft)
    {
        if (draft is null)
        {
            errors.Add("creative", "is required");
            return;
        }

        Text.Required(errors, "creative.title", draft.Title, MaxTitleLength);
        RequiredUrl(errors, "creative.imageUrl", draft.ImageUrl);
        RequiredUrl(errors, "creative.clickUrl", draft.ClickUrl);
    }

    /// <summary>The creative of a draft that passed <see cref="Validate"/>.</summary>
    internal static Creative Of(CreativeDraft draft) => new(draft.Title!.Trim(), draft.ImageUrl!, draft.ClickUrl!);

    public CreativeDraft ToDraft() => new(Title, ImageUrl, ClickUrl);

    private static void RequiredUrl(FieldErrors errors, string field, string? value)
    {
        if (value is null)
        {
            errors.Add(field, "is required");
            return;
        }

        Text.OptionalAbsoluteHttpUrl(errors, field, value);
    }
}

/// <summary>A creative as a partner sends it.</summary>
public sealed record CreativeDraft(string? Title, string? ImageUrl, string? ClickUrl);
