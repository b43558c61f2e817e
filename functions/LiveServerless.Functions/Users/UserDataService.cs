using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Economy;
using LiveServerless.Domain.Moderation;
using LiveServerless.Domain.Profiles;
using LiveServerless.Domain.Recommendations;
using LiveServerless.Domain.Users;
using LiveServerless.Functions.Chat;
using LiveServerless.Functions.Economy;
using LiveServerless.Functions.Follows;
using LiveServerless.Functions.Moderation;
using LiveServerless.Functions.Presence;
using LiveServerless.Functions.Profiles;
using LiveServerless.Functions.Recommendations;

namespace LiveServerless.Functions.Users;

/// <summary>Everything stored about one user (a privacy request's answer).</summary>
public sealed record UserExport(
    User User,
    UserProfile? Profile,
    IReadOnlyList<Recommendation> Recommendations,
    IReadOnlyList<Follow> Follows,
    IReadOnlyList<ChatMessage> ChatMessages,
    DateTimeOffset ExportedAt)
{
    /// <summary>Rooms the user is present in (or was last seen in, until the sweep removes them).</summary>
    public IReadOnlyList<ExportedPresence> Presence { get; init; } = [];

    /// <summary>Moderation log entries naming the user, as target or as moderator.</summary>
    public IReadOnlyList<ModerationAction> ModerationEntries { get; init; } = [];

    /// <summary>The user's coins and earnings, and every line of their statement.</summary>
    public ExportedWallet? Wallet { get; init; }
}

public sealed record ExportedWallet(long Balance, decimal Earnings, long Credited, long Spent, IReadOnlyList<StatementEntry> Statement);

public sealed record ExportedPresence(string RoomId, DateTimeOffset JoinedAt, DateTimeOffset LastSeenAt);

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
    PresenceStore presence,
    ModerationLogStore moderationLog,
    WalletStore wallets,
    TimeProvider time)
{
    public async Task<UserExport> ExportAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var user = (await users.GetRequiredAsync(tenantId, userId, cancellationToken)).Value;
        var profile = profiles.GetAsync(tenantId, userId, cancellationToken);
        var list = recommendations.GetAsync(tenantId, userId, cancellationToken);
        var following = follows.ListFollowingAsync(tenantId, userId, cancellationToken);
        var written = messages.ListByAuthorAsync(tenantId, userId, cancellationToken);
        var present = presence.ListByUserAsync(tenantId, userId, cancellationToken);
        var named = moderationLog.ListNamingAsync(tenantId, userId, cancellationToken);
        var wallet = wallets.GetAsync(tenantId, userId, cancellationToken);
        var statement = wallets.FullStatementAsync(tenantId, userId, cancellationToken);
        await Task.WhenAll(profile, list, following, written, present, named, wallet, statement);
        var coins = await wallet;
        return new UserExport(user, await profile, (await list)?.Items ?? [], await following, await written, time.GetUtcNow())
        {
            Presence = [.. (await present).Select(p => new ExportedPresence(p.RoomId, p.Presence.JoinedAt, p.Presence.LastSeenAt))],
            ModerationEntries = await named,
            Wallet = new ExportedWallet(coins.Balance, coins.Earnings, coins.Credited, coins.Spent, await statement),
        };
    }
}
