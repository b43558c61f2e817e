using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveServerless.DevHost.Demo;

/// <summary>An answer of the function app: its status and its JSON body (null when it had none).</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonElement? Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public string Text(string property) => Body?.GetProperty(property).GetString() ?? throw new InvalidOperationException($"The answer has no '{property}'.");
}

/// <summary>
/// DevHost calling its own function app over HTTP, as a partner's backend would (X-Api-Key): the demo seed and the dev routes go
/// through the public API and its rules, never around them to the tables.
/// </summary>
public sealed class DemoApi(HttpClient http)
{
    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string apiKey, object? body = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new ApiAnswer(response.StatusCode, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Sends and insists on success, or on one of <paramref name="alsoFine"/> (e.g. 409: it exists already).</summary>
    public async Task<ApiAnswer> EnsureAsync(HttpMethod method, string path, string apiKey, object? body = null, CancellationToken cancellationToken = default, params HttpStatusCode[] alsoFine)
    {
        var answer = await SendAsync(method, path, apiKey, body, cancellationToken);
        if (!answer.IsSuccess && !alsoFine.Contains(answer.Status))
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)answer.Status}: {answer.Body}");
        }

        return answer;
    }
}
