namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>
/// Reads "method /path" pairs from the paths section of docs/openapi.yaml. The document is written with two-space
/// indentation (paths at 2, operations at 4), which this reader relies on; a malformed document fails the test loudly.
/// </summary>
public static class OpenApiPaths
{
    private static readonly string[] Operations = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static IReadOnlyList<string> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.Contains(lines, l => l.StartsWith("openapi: 3.1", StringComparison.Ordinal));
        var start = Array.IndexOf(lines, "paths:");
        Assert.True(start >= 0, "docs/openapi.yaml has no top-level 'paths:'");

        var result = new List<string>();
        string? current = null;
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => l.Length == 0 || l.StartsWith(' ') || l.StartsWith('#')))
        {
            if (line.StartsWith("  /", StringComparison.Ordinal))
            {
                current = line.Trim().TrimEnd(':').Trim('"', '\'');
            }
            else if (current is not null && line.StartsWith("    ", StringComparison.Ordinal) && !line.StartsWith("     ", StringComparison.Ordinal)
                && Operations.Contains(line.Trim().TrimEnd(':')))
            {
                result.Add($"{line.Trim().TrimEnd(':')} {current}");
            }
        }

        return result;
    }
}
