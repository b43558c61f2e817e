using System.Text.Json;

namespace LiveServerless.Functions.Http;

/// <summary>
/// Turns System.Text.Json failures into 400s without exposing .NET type names: reader errors (the inner exception is the
/// reader's own JsonException) mean the body is not JSON at all; anything else is about one field.
/// </summary>
public static class JsonProblems
{
    public static ProblemException From(JsonException exception)
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

        var message = exception switch
        {
            JsonFieldException fieldException => fieldException.Message,
            _ when exception.Message.Contains("could not be mapped", StringComparison.Ordinal) => "is not a known field",
            _ when exception.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => "appears more than once",
            _ => "has the wrong type",
        };
        return ProblemException.Invalid(new Dictionary<string, string[]> { [field] = [message] });
    }

    /// <summary>"$.tags[2]" → "tags[2]", "$.chat.slowModeSeconds" → "chat.slowModeSeconds", "$" → null (the whole body).</summary>
    private static string? FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
