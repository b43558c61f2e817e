using LiveServerless.Domain.Recommendations;
using LiveServerless.Functions.Auth;
using LiveServerless.Functions.Profiles;

namespace LiveServerless.Functions.Recommendations;

/// <summary>A user's recommendations as served: only rooms live now, newest computation, and never empty-handed for newcomers.</summary>
public sealed record ServedRecommendations(IReadOnlyList<Recommendation> Items, DateTimeOffset GeneratedAt);

/// <summary>
/// Computes recommendation lists (from the profile, the live rooms and the co-engagement of the user's hosts) and serves them.
/// Lists are refreshed within a second or two of new interactions by <see cref="RecommendationRefresher"/>; a list older than
/// <see cref="MaxAge"/> (or none, for a new user: trending) is recomputed when asked for; rooms that ended are dropped at read time.
/// </summary>
public sealed class RecommendationService(
    ProfileStore profiles,
    CoEngagementStore coEngagement,
    RecommendationStore lists,
    LiveRoomCandidates liveRooms,
    TimeProvider time)
{
    /// <summary>
    /// How long a stored list is served as is. Short, because what is live and trending changes for everyone, including users who
    /// are not interacting (whose lists the refresher never touches); recomputing costs a profile read and well under a millisecond.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    public const int MaxServed = 50;

    public async Task<ServedRecommendations> ForUserAsync(WebUser user, int limit, CancellationToken cancellationToken)
    {
        var candidates = await liveRooms.GetAsync(user.TenantId, cancellationToken);
        var stored = await lists.GetAsync(user.TenantId, user.UserId, cancellationToken);
        var list = stored is not null && time.GetUtcNow() - stored.GeneratedAt < MaxAge
            ? new ServedRecommendations(stored.Items, stored.GeneratedAt)
            : await RefreshAsync(user.TenantId, user.UserId, candidates, cancellationToken);
        var live = candidates.Select(c => c.RoomId).ToHashSet(StringComparer.Ordinal);
        return list with { Items = [.. list.Items.Where(item => live.Contains(item.RoomId)).Take(limit)] };
    }

    /// <summary>Computes and stores the user's list against <paramref name="candidates"/> (the tenant's live rooms).</summary>
    public async Task<ServedRecommendations> RefreshAsync(string tenantId, string userId, IReadOnlyList<LiveRoomCandidate> candidates, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var options = RecommenderOptions.Default;
        var profile = await profiles.GetAsync(tenantId, userId, cancellationToken);
        var neighbours = await coEngagement.GetManyAsync(tenantId, Recommender.HostsToLookUp(profile, now, options), cancellationToken);
        var items = Recommender.Recommend(profile, candidates, neighbours, now, options);
        await lists.SaveAsync(tenantId, userId, items, now, cancellationToken);
        return new ServedRecommendations(items, now);
    }
}
