using LiveServerless.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Limits;

/// <summary>Every shared limit of the app, from configuration, in one place.</summary>
public sealed class RateLimitPolicies(IOptions<LimitsOptions> options)
{
    /// <summary>Chat: a burst of 5 messages per user, then 1 a second.</summary>
    public RateLimitPolicy Chat { get; } = new("chat", 5, 1);

    /// <summary>A tenant's ingest quota, leased in tenths so a busy tenant costs few storage writes.</summary>
    public RateLimitPolicy TenantEvents { get; } = new(
        "tenant-events", options.Value.TenantEventsPerSecond, options.Value.TenantEventsPerSecond, Math.Max(1, options.Value.TenantEventsPerSecond / 10));

    public RateLimitPolicy Likes { get; } = new("likes", options.Value.LikesPerMinute, options.Value.LikesPerMinute / 60.0);

    public RateLimitPolicy Shares { get; } = new("shares", options.Value.SharesPerMinute, options.Value.SharesPerMinute / 60.0);

    public RateLimitPolicy AdDecisions { get; } = new("ad-decisions", options.Value.AdDecisionsPerMinute, options.Value.AdDecisionsPerMinute / 60.0);
}
