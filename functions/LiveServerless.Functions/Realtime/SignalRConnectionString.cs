using System.Data.Common;

namespace LiveServerless.Functions.Realtime;

/// <summary>
/// The SignalR Service connection string, <c>Endpoint=https://x.service.signalr.net;AccessKey=...;Version=1.0;</c>,
/// plus <c>Port=</c> for a local emulator. Tokens are audience-bound to the endpoint without the port, as the service's
/// own SDK does; requests go to the endpoint with the port.
/// </summary>
public sealed record SignalRConnectionString(Uri Endpoint, int? Port, string AccessKey)
{
    /// <summary>Where requests go: the endpoint, with the port when one is configured.</summary>
    public Uri ServiceUri => Port is null ? Endpoint : new UriBuilder(Endpoint) { Port = Port.Value }.Uri;

    /// <summary>The scheme and host only (no port, no trailing slash), the base of token audiences.</summary>
    public string AudienceBase => $"{Endpoint.Scheme}://{Endpoint.Host}";

    public static SignalRConnectionString Parse(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string? Value(string key) => builder.TryGetValue(key, out var value) ? value?.ToString() : null;

        var endpoint = Value("Endpoint");
        var accessKey = Value("AccessKey");
        if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var endpointUri) || string.IsNullOrEmpty(accessKey))
        {
            throw new FormatException("SignalR:ConnectionString must be 'Endpoint=<url>;AccessKey=<key>;Version=1.0;' (plus 'Port=<port>;' locally).");
        }

        var port = Value("Port");
        return new SignalRConnectionString(
            new Uri(endpointUri.GetLeftPart(UriPartial.Authority)),
            port is null ? null : int.Parse(port, System.Globalization.CultureInfo.InvariantCulture),
            accessKey);
    }
}
