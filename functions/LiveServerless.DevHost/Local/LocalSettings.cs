using System.Text.Json;

namespace LiveServerless.DevHost.Local;

/// <summary>
/// Reads the "Values" of local.settings.sample.json (the committed development defaults) and then local.settings.json
/// (a developer's git-ignored overrides), the same files the Functions Core Tools would read. Keys use "__" for sections.
/// </summary>
public static class LocalSettings
{
    public const string SampleFile = "local.settings.sample.json";

    public const string OverrideFile = "local.settings.json";

    public static Dictionary<string, string?> Load(string repoRoot)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in new[] { SampleFile, OverrideFile }.Select(f => Path.Combine(repoRoot, f)).Where(File.Exists))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("Values", out var section))
            {
                continue;
            }

            foreach (var setting in section.EnumerateObject())
            {
                values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] = setting.Value.ToString();
            }
        }

        return values;
    }
}
