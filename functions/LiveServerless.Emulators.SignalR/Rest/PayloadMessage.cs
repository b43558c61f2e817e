using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LiveServerless.Emulators.SignalR.Rest;

/// <summary>
/// A send's body, <c>{"target": "...", "arguments": [...]}</c>. Arguments stay <see cref="JsonElement"/>s so the JSON hub protocol
/// writes them to clients exactly as the caller wrote them.
/// </summary>
internal sealed record PayloadMessage(string Target, object?[] Arguments)
{
    // Web defaults: the SDKs write camelCase, the v1 swagger documents PascalCase; property names match case-insensitively.
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    public static async Task<(PayloadMessage? Message, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        Body? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<Body>(request.Body, SerializerOptions, cancellationToken);
        }
        catch (JsonException exception)
        {
            return (null, $"The body is not a payload message: {exception.Message}");
        }

        if (string.IsNullOrWhiteSpace(body?.Target))
        {
            return (null, "The payload message has no target.");
        }

        object?[] arguments = [.. (body.Arguments ?? []).Select(argument => (object?)argument)];
        return (new PayloadMessage(body.Target, arguments), null);
    }

    private sealed record Body(string? Target, JsonElement[]? Arguments);
}
