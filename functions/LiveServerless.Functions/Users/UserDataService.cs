using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Profiles;
using LiveServerless.Domain.Recommendations;
using LiveServerless.Domain.Users;
using LiveServerless.Functions.Ads;
using LiveServerless.Functions.Chat;
using LiveServerless.Functions.Follows;
using LiveServerless.Functions.Profiles;
using LiveServerless.Functions.Recommendations;
using LiveServerless.Functions.Streaming;

namespace LiveServerless.Functions.Users;

/// <summary>Everything stored about one user (a privacy request's answer).</summary>
public sealed record UserExport(
    User User,
    UserProfile? Profile,
    IReadOnlyList<Recommendation> Recommendations,
    IReadOnlyList<Follow> Follows,
    IReadOnlyList<ChatMessage> ChatMessages,
    DateTimeOffset ExportedAt);

/// <summary>
/// The user's data beyond the user record, exported on a privacy request. Erasure is the erasure job's (Erasure/ErasureService),
/// which covers every store through its registered steps.
/// </summary>
public sealed class UserDataService(
    UserStore users,
    ProfileStore profiles,
    RecommendationStore recommendations,
    FollowStore follows,
    ChatMessageStore messages,
    TimeProvider time)
{
    public async Task<UserExport> ExportAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var user = (await users.GetRequiredAsync(tenantId, userId, cancellationToken)).Value;
        var profile = profiles.GetAsync(tenantId, userId, cancellationToken);
        var list = recommendations.GetAsync(tenantId, userId, cancellationToken);
        var following = follows.ListFollowingAsync(tenantId, userId, cancellationToken);
        var written = messages.ListByAuthorAsync(tenantId, userId, cancellationToken);
        await Task.WhenAll(profile, list, following, written);
        return new UserExport(user, await profile, (await list)?.Items ?? [], await following, await written, time.GetUtcNow());
    }
}
