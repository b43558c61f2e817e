using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveServerless.Functions.Http;

namespace LiveServerless.Functions.Realtime;

/// <summary>
/// Our client for the SignalR Service data-plane REST API (2022-06-01), the subset the app needs: sends to a group and
/// user-group membership. Each request carries its own server token. Registered through
/// IHttpClientFactory with the standard resilience pipeline (timeouts, retries of transient failures, circuit breaker).
/// A failed request throws <see cref="HttpRequestException"/>; callers decide whether that is fatal.
/// </summary>
public sealed class SignalRClient(HttpClient http, SignalRTokens tokens)
{
    private const string ApiVersion = "api-version=2022-06-01";

    public Task SendToGroupAsync(string group, string target, object argument, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"groups/{Escape(group)}/:send", Message(target, argument), cancellationToken);

    /// <summary>Adds the user (all current and future connections) to the group.</summary>
    public Task AddUserToGroupAsync(string group, string userId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"users/{Escape(userId)}/groups/{Escape(group)}", body: null, cancellationToken);

    public Task RemoveUserFromGroupAsync(string group, string userId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"users/{Escape(userId)}/groups/{Escape(group)}", body: null, cancellationToken);

    public Task RemoveUserFromAllGroupsAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"users/{Escape(userId)}/groups", body: null, cancellationToken);

    /// <summary>The service's anonymous health endpoint.</summary>
    public async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(tokens.Connection.ServiceUri, $"api/health?{ApiVersion}"));
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task SendAsync(HttpMethod method, string hubRelativePath, object? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(tokens.Connection.ServiceUri, $"api/hubs/{Escape(tokens.HubName)}/{hubRelativePath}?{ApiVersion}");
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.ForServer(uri));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: ApiJson.Options);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"SignalR Service answered {(int)response.StatusCode} to {method} {uri.AbsolutePath}.", null, response.StatusCode);
        }
    }

    private static SignalRMessage Message(string target, object argument) => new(target, [argument]);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private sealed record SignalRMessage(string Target, object[] Arguments);
}
