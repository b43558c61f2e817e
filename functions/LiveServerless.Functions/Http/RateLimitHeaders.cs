using System.Globalization;
using LiveServerless.Domain.Common;
using Microsoft.AspNetCore.Http;

namespace LiveServerless.Functions.Http;

/// <summary>
/// The RateLimit-Policy and RateLimit fields of the IETF draft (draft-ietf-httpapi-ratelimit-headers-09), as structured fields:
/// <c>RateLimit-Policy: "tenant-events";q=1000;w=1</c> and <c>RateLimit: "tenant-events";r=990;t=1</c>. Sent on every answer of a
/// limited route, the 429 included, so a client can slow down before it is refused.
/// </summary>
public static class RateLimitHeaders
{
    public const string Policy = "RateLimit-Policy";

    public const string Current = "RateLimit";

    public static IReadOnlyDictionary<string, string> For(IReadOnlyCollection<RateLimitState> states) => states.Count == 0
        ? new Dictionary<string, string>()
        : new Dictionary<string, string>
        {
            [Policy] = string.Join(", ", states.Select(s => string.Create(CultureInfo.InvariantCulture, $"\"{s.Policy}\";q={s.Quota};w={s.WindowSeconds}"))),
            [Current] = string.Join(", ", states.Select(s => string.Create(CultureInfo.InvariantCulture, $"\"{s.Policy}\";r={Math.Max(0, s.Remaining)};t={s.ResetSeconds}"))),
        };

    /// <summary>Adds <paramref name="states"/> to the answer's fields, after any limits already there (a route's own and the key's quota).</summary>
    public static void AddRateLimits(this HttpResponse response, IReadOnlyCollection<RateLimitState> states)
    {
        foreach (var (name, value) in For(states))
        {
            response.Headers[name] = response.Headers.TryGetValue(name, out var existing) && existing.Count > 0 ? $"{existing}, {value}" : value;
        }
    }
}
