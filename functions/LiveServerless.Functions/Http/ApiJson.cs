using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveServerless.Functions.Http;

/// <summary>
/// The one JSON dialect of the API: camelCase, enums as camelCase strings, and strict on input — unknown fields, duplicate fields,
/// numbers in strings and integer enum values are refused, so a typo or a mass-assignment attempt is a 400, never silently ignored.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = 16,

            // Responses are application/json, never embedded in HTML, so HTML-sensitive characters need no escaping.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new StrictEnumConverterFactory());
        options.Converters.Add(new OptionalConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
