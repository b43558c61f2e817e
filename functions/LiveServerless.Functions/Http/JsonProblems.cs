using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LiveServerless.Domain.Common;

namespace LiveServerless.Functions.Http;

/// <summary>
/// Turns System.Text.Json failures into 400s without exposing .NET type names: reader errors (the inner exception is the
/// reader's own JsonException) mean the body is not JSON at all; anything else is about the one field the exception's Path names,
/// explained from the body type's JSON contract: a member the contract lacks is unknown (<c>UnmappedMemberHandling.Disallow</c>),
/// an enum member lists the names it accepts, anything else has the wrong type. Duplicates are the one failure the contract cannot
/// tell apart; they are recognised by System.Text.Json's wording, which a test pins.
/// </summary>
public static class JsonProblems
{
    /// <summary>How System.Text.Json (AllowDuplicateProperties = false) begins the message of a repeated property.</summary>
    public const string DuplicatePropertyWording = "Duplicate property";

    private static readonly ConcurrentDictionary<Type, string> AllowedNames = new();

    /// <summary>The problem for <paramref name="exception"/>, thrown while reading a body of type <paramref name="bodyType"/>.</summary>
    public static ProblemException From(JsonException exception, Type? bodyType = null)
    {
        var field = FieldName(exception.Path);
        if (field is null && exception.InnerException is not JsonException)
        {
            return ProblemException.BadRequest("The body must be a JSON object.");
        }

        if (field is null || exception.InnerException is JsonException)
        {
            return ProblemException.BadRequest(
                $"The body is not valid JSON (line {exception.LineNumber + 1}, position {exception.BytePositionInLine + 1}).");
        }

        return ProblemException.Invalid(new Dictionary<string, string[]> { [field] = [Explain(exception, bodyType)] });
    }

    private static string Explain(JsonException exception, Type? bodyType)
    {
        if (exception.Message.StartsWith(DuplicatePropertyWording, StringComparison.Ordinal))
        {
            return "appears more than once";
        }

        return (bodyType is null ? null : JsonMember.At(ApiJson.Options, bodyType, exception.Path!)) switch
        {
            { IsKnown: false } => "is not a known field",
            { Type: { IsEnum: true } enumType } => $"must be one of: {AllowedNames.GetOrAdd(enumType, NamesOf)}",
            _ => "has the wrong type",
        };
    }

    /// <summary>The names the enum travels as, written by the API's own converter so the list is exactly what it accepts.</summary>
    private static string NamesOf(Type enumType) =>
        string.Join(", ", Enum.GetValues(enumType).Cast<object>().Select(value => JsonSerializer.SerializeToElement(value, enumType, ApiJson.Options).GetString()));

    /// <summary>"$.tags[2]" → "tags[2]", "$.chat.slowModeSeconds" → "chat.slowModeSeconds", "$" → null (the whole body).</summary>
    private static string? FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    /// <summary>The member a JSON path leads to in a type's JSON contract: whether the contract has it, and its type.</summary>
    private sealed record JsonMember(bool IsKnown, Type? Type)
    {
        /// <summary>Follows "$.events[1].type" through the contract: object members by JSON name, then element types of collections.</summary>
        public static JsonMember? At(JsonSerializerOptions options, Type root, string path)
        {
            var type = root;
            foreach (var step in Steps(path))
            {
                var info = options.GetTypeInfo(Unwrap(type));
                if (step.Name is { } name && info.Kind == JsonTypeInfoKind.Object)
                {
                    var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                    if (property is null)
                    {
                        return new JsonMember(false, null);
                    }

                    type = property.PropertyType;
                }
                else if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary && info.ElementType is { } element)
                {
                    type = element;
                }
                else
                {
                    return null;
                }
            }

            return new JsonMember(true, Unwrap(type));
        }

        /// <summary>The type a value travels as: <c>int?</c> as <c>int</c>, a partial update's <see cref="Optional{T}"/> as <c>T</c>.</summary>
        private static Type Unwrap(Type type) =>
            Nullable.GetUnderlyingType(type) ??
            (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>) ? Unwrap(type.GetGenericArguments()[0]) : type);

        /// <summary>Splits a System.Text.Json path into member names and indexes: $.a[1].b, $['odd name'].</summary>
        private static IEnumerable<(string? Name, int? Index)> Steps(string path)
        {
            var i = path.StartsWith('$') ? 1 : 0;
            while (i < path.Length)
            {
                if (path[i] == '.')
                {
                    var end = path.IndexOfAny(['.', '['], i + 1);
                    end = end < 0 ? path.Length : end;
                    yield return (path[(i + 1)..end], null);
                    i = end;
                }
                else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
                {
                    var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                    end = end < 0 ? path.Length : end;
                    yield return (path[(i + 2)..end], null);
                    i = Math.Min(path.Length, end + 2);
                }
                else
                {
                    var end = path.IndexOf(']', i);
                    end = end < 0 ? path.Length : end;
                    yield return (null, int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index) ? index : null);
                    i = end + 1;
                }
            }
        }
    }
}
