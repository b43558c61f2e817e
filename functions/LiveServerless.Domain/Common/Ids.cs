using System.Text.RegularExpressions;

namespace LiveServerless.Domain.Common;

/// <summary>
/// Identifier rules shared by every object. Ids become Azure Table keys and URL path segments, so they are limited to
/// characters that are safe in both: letters, digits, '-' and '_', at most 64 of them.
/// </summary>
public static partial class Ids
{
    public const int MaxLength = 64;

    public const string Rule = "must be 1-64 characters of letters, digits, '-' or '_'";

    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>A new time-ordered id (UUID v7 as 32 lowercase hex digits).</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
