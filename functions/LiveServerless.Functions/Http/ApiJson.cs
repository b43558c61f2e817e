using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveServerless.Functions.Http;

/// <summary>
/// The one JSON dialect of the API: camelCase, enums as camelCase strings, and strict on input — unknown fields, duplicate fields,
/// numbers in strings and integer enum values are refused, so a typo or a mass-assignment attempt is a 400, never silently ignored.
/// ASP.NET Core's JSON options are configured from it too (<see cref="Configure"/>), so TypedResults write exactly this dialect.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the dialect to <paramref name="options"/> (created with <see cref="JsonSerializerDefaults.Web"/>).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.AllowTrailingCommas = false;
        options.MaxDepth = 16;

        // Responses are application/json, never embedded in HTML, so HTML-sensitive characters need no escaping.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new SingleNameEnumConverter());
        options.Converters.Add(new OptionalConverterFactory());
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
