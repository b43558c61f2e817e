using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace LiveServerless.Emulators.SignalR.Clients;

/// <summary>
/// The service's hub-name rule: starts with a letter, then letters, digits or underscores.
/// Hub names are compared case-insensitively because the SDKs lower-case them in every URL and audience they build.
/// </summary>
internal static partial class HubName
{
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    public static bool IsValid([NotNullWhen(true)] string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
