using LiveServerless.Domain.Common;
using LiveServerless.Functions.Limits;

namespace LiveServerless.Functions.Chat;

/// <summary>
/// Per-user chat rate limit: a burst of 5 messages, then 1 per second, held across every instance of the app (a shared token
/// bucket per user), so a client alternating between instances gets no more than one would give it.
/// </summary>
public sealed class ChatRateLimiter(SharedRateLimiter limiter, RateLimitPolicies policies)
{
    public Task<RateLimitState> TakeAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        limiter.TakeAsync(policies.Chat, $"{tenantId}:{userId}", 1, "You are sending messages too fast.", cancellationToken);
}
