using LiveServerless.Functions.Metering;

namespace LiveServerless.Functions.Usage;

/// <summary>
/// Counts the SignalR messages sent for each tenant, in the SignalR client's HTTP pipeline: a send's path names its group
/// (<c>room:{tenant}:{room}</c>) or user (<c>{tenant}:{user}</c>), so the tenant is known without the callers' help. Only sends that
/// SignalR Service accepted count.
/// </summary>
public sealed class SignalRUsageHandler(UsageMeter meter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Post && response.IsSuccessStatusCode && TenantOf(request.RequestUri) is { } tenantId)
        {
            meter.Count(tenantId, UsageCounter.SignalRMessages);
        }

        return response;
    }

    /// <summary>The tenant of <c>…/groups/room:{tenant}:{room}/:send</c> or <c>…/users/{tenant}:{user}/:send</c>; null for anything else.</summary>
    public static string? TenantOf(Uri? uri)
    {
        var segments = uri?.AbsolutePath.Split('/').Select(Uri.UnescapeDataString).ToArray() ?? [];
        if (segments.Length < 3 || segments[^1] != ":send")
        {
            return null;
        }

        var target = segments[^2].Split(':');
        return segments[^3] switch
        {
            "groups" when target.Length == 3 && target[0] == "room" => target[1],
            "users" when target.Length == 2 => target[0],
            _ => null,
        };
    }
}
