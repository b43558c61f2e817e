using System.Text.Json.Serialization;

namespace LiveServerless.Functions.Http;

/// <summary>An RFC 7807 problem document. <see cref="Errors"/> carries field-level validation messages keyed by JSON field name.</summary>
public sealed record Problem(string Type, string Title, int Status, string? Detail)
{
    public const string ContentType = "application/problem+json";

    private const string TypeBase = "https://liveserverless.dev/problems/";

    public string? Instance { get; init; }

    public string? TraceId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Extra members specific to one problem type (e.g. which dependencies failed a health check).</summary>
    [JsonExtensionData]
    public Dictionary<string, object?>? Extensions { get; init; }

    public static Problem Of(int status, string slug, string title, string? detail = null) => new(TypeBase + slug, title, status, detail);

    public static Problem Validation(IReadOnlyDictionary<string, string[]> errors) =>
        Of(400, "validation", "One or more fields are invalid.", "See errors for each invalid field.") with { Errors = errors };
}
