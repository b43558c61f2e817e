using System.Net.Http.Json;
using System.Security.Cryptography;

namespace LiveServerless.Emulators.SignalR.Tests;

/// <summary>One emulator on a free port for a test class; tests isolate themselves by using fresh hub, user and group names.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private SignalREmulator? _emulator;

    public string AccessKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public SignalREmulator Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    public string BaseUrl => $"http://localhost:{Emulator.Port}";

    public HttpClient Http { get; } = new() { Timeout = Timeout };

    public static string NewName(string prefix) => $"{prefix}{Guid.NewGuid():N}";

    public string ClientUrl(string hub) => $"{BaseUrl}/client/?hub={hub}";

    /// <summary>The audience our negotiate function will put in client tokens, as Microsoft.Azure.SignalR builds it: no port.</summary>
    public static string ClientAudience(string hub) => $"http://localhost/client/?hub={hub}";

    public async Task InitializeAsync() =>
        _emulator = await SignalREmulator.StartAsync(new SignalREmulatorOptions { AccessKey = AccessKey, Port = 0 }).WaitAsync(Timeout);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().AsTask().WaitAsync(Timeout);
        }
    }

    /// <summary>Calls the REST API with a server token whose audience is the request URL without its query, as the Management SDK does.</summary>
    public async Task<HttpResponseMessage> RestAsync(HttpMethod method, string pathAndQuery, object? body = null, string? token = null)
    {
        var url = BaseUrl + pathAndQuery;
        var audience = url.Split('?')[0];
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new("Bearer", token ?? TestTokens.Server(AccessKey, audience));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Http.SendAsync(request).WaitAsync(Timeout);
    }

    public async Task RestOkAsync(HttpMethod method, string pathAndQuery, object? body = null)
    {
        using var response = await RestAsync(method, pathAndQuery, body);
        Assert.True(response.IsSuccessStatusCode, $"{method} {pathAndQuery} answered {(int)response.StatusCode}");
    }

    public Task SendAsync(string pathBeforeSend, object message) =>
        RestOkAsync(HttpMethod.Post, $"/api/hubs/{pathBeforeSend}/:send?api-version=2022-06-01", message);

    public static object Message(object argument) => new { target = TestClient.MessageTarget, arguments = new[] { argument } };
}
