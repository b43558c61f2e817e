namespace LiveServerless.Domain.Common;

/// <summary>Rules for free-text fields.</summary>
public static class Text
{
    public static void Required(FieldErrors errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required");
            return;
        }

        Optional(errors, field, value, maxLength);
    }

    public static void Optional(FieldErrors errors, string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        errors.When(value.Length > maxLength, field, $"must be at most {maxLength} characters");
        errors.When(value.Any(char.IsControl), field, "must not contain control characters");
    }

    public static void OptionalAbsoluteHttpUrl(FieldErrors errors, string field, string? value, int maxLength = 2048)
    {
        if (value is null)
        {
            return;
        }

        var isHttpUrl = Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
        errors.When(!isHttpUrl, field, "must be an absolute http(s) URL");
        errors.When(value.Length > maxLength, field, $"must be at most {maxLength} characters");
    }
}
