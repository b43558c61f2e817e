using System.Text.Json;

namespace LiveServerless.DevHost.Worker;

/// <summary>Reads the settings of host.json that DevHost honours, so routes match the Functions host.</summary>
public static class HostJson
{
    public const string DefaultRoutePrefix = "api";

    public static string RoutePrefix(string hostJsonPath)
    {
        if (!File.Exists(hostJsonPath))
        {
            return DefaultRoutePrefix;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            ? prefix.GetString() ?? ""
            : DefaultRoutePrefix;
    }
}
