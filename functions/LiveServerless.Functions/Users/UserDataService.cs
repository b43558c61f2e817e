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
/// The user's data beyond the user record: exported on request, and erased with the user. Derived documents are erased too;
/// events still in flight for a deleted user create nothing (the profile handler skips users that no longer exist, and ad events
/// without the viewer's ad ledger count for nothing).
/// Chat messages stay in the rooms' history, which belongs to the conversation; they are listed in the export.
/// </summary>
public sealed class UserDataService(
    UserStore users,
    ProfileStore profiles,
    RecommendationStore recommendations,
    FollowStore follows,
    ChatMessageStore messages,
    ClientRetryFilter clientRetries,
    AdLedgerStore adLedgers,
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

    public async Task EraseDerivedDataAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        await profiles.DeleteAsync(tenantId, userId, cancellationToken);
        await recommendations.DeleteAsync(tenantId, userId, cancellationToken);
        await follows.ForgetFollowerAsync(tenantId, userId, cancellationToken);
        await clientRetries.ForgetUserAsync(tenantId, userId, cancellationToken);
        await adLedgers.DeleteAsync(tenantId, userId, cancellationToken);
    }
}
