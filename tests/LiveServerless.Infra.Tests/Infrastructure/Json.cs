using System.Text.Json;

namespace LiveServerless.Infra.Tests.Infrastructure;

public static class Json
{
    /// <summary>Follows a dotted path of property names (case-insensitive, as ARM is); null when any step is missing or null.</summary>
    public static JsonElement? At(this JsonElement element, string path)
    {
        var current = element;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var found = false;
            foreach (var property in current.EnumerateObject())
            {
                if (string.Equals(property.Name, segment, StringComparison.OrdinalIgnoreCase))
                {
                    current = property.Value;
                    found = true;
                    break;
                }
            }

            if (!found || current.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
        }

        return current;
    }

    public static string? StringAt(this JsonElement element, string path) =>
        element.At(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool? BoolAt(this JsonElement element, string path) =>
        element.At(path) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    public static int? IntAt(this JsonElement element, string path) =>
        element.At(path) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : null;

    public static IReadOnlyList<JsonElement> ArrayAt(this JsonElement element, string path) =>
        element.At(path) is { ValueKind: JsonValueKind.Array } value ? [.. value.EnumerateArray()] : [];
}
