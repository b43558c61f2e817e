using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>A thin HTTP client for the API: sends JSON (or raw text, to test malformed input) with a chosen credential.</summary>
public sealed class ApiClient(HttpClient http, string? apiKey = null, string? bearerToken = null)
{
    public ApiClient WithKey(string? key) => new(http, key, null);

    public ApiClient WithBearer(string? token) => new(http, null, token);

    /// <summary>The same credential against another app instance (e.g. one whose dependencies are faulty).</summary>
    public ApiClient Against(HttpClient other) => new(other, apiKey, bearerToken);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<HttpResponseMessage> DeleteAsync(string path, string? ifMatch = null) => SendAsync(HttpMethod.Delete, path, ifMatch: ifMatch);

    public Task<HttpResponseMessage> PostAsync(string path, object? body) => SendAsync(HttpMethod.Post, path, body);

    public Task<HttpResponseMessage> PatchAsync(string path, object? body, string? ifMatch = null) => SendAsync(HttpMethod.Patch, path, body, ifMatch);

    /// <summary>Sends <paramref name="content"/> with extra request headers (Idempotency-Key and the like).</summary>
    public async Task<HttpResponseMessage> SendWithHeadersAsync(HttpMethod method, string path, HttpContent? content, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Sends <paramref name="body"/> serialised as JSON, or as-is when it is a <see cref="RawBody"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        request.Content = body switch
        {
            null => null,
            RawBody raw => new StringContent(raw.Text, Encoding.UTF8, raw.ContentType),
            _ => new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}

/// <summary>A body sent exactly as written, for malformed or oversized input.</summary>
public sealed record RawBody(string Text, string ContentType = "application/json");
