using LiveServerless.Functions.Ads;
using LiveServerless.Functions.Chat;
using LiveServerless.Functions.Economy;
using LiveServerless.Functions.Follows;
using LiveServerless.Functions.Moderation;
using LiveServerless.Functions.Presence;
using LiveServerless.Functions.Profiles;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.RoomStats;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Recommendations;
using LiveServerless.Functions.Streaming;
using LiveServerless.Functions.Users;
using Microsoft.Extensions.DependencyInjection;

namespace LiveServerless.Functions.Erasure;

public static class ErasureRegistration
{
    /// <summary>
    /// Adds a store to every erasure: <paramref name="eraser"/> resolves the store's idempotent "erase this user" (tenant id, user id).
    /// Steps run in registration order; a new store that holds user data registers one here.
    /// </summary>
    public static IServiceCollection AddErasureStep(
        this IServiceCollection services, string store, Func<IServiceProvider, Func<string, string, CancellationToken, Task>> eraser) =>
        services.AddSingleton(sp => new ErasureStep(store, eraser(sp)));

    /// <summary>The erasure job, its worker and tombstone filter, and the stores every erasure covers (docs/architecture.md lists them).</summary>
    public static IServiceCollection AddErasure(this IServiceCollection services)
    {
        services.AddSingleton<ErasureStore>().AddSingleton<ErasureService>().AddSingleton<ErasedUserFilter>();
        services.AddHostedService<ErasureWorker>();

        // Live connections first, so nothing more reaches the user while the rest is erased.
        services.AddErasureStep("realtime", sp => (tenantId, userId, token) =>
            sp.GetRequiredService<SignalRClient>().RemoveUserFromAllGroupsAsync(RealtimeNames.User(tenantId, userId), token));
        services.AddErasureStep("presence", sp => sp.GetRequiredService<PresenceStore>().ForgetUserAsync);
        services.AddErasureStep("user", sp => sp.GetRequiredService<UserStore>().EraseAsync);
        services.AddErasureStep("profile", sp => sp.GetRequiredService<ProfileStore>().DeleteAsync);
        services.AddErasureStep("recommendations", sp => sp.GetRequiredService<RecommendationStore>().DeleteAsync);
        services.AddErasureStep("coEngagement", sp => sp.GetRequiredService<CoEngagementStore>().DeleteAsync);
        services.AddErasureStep("seenEvents", sp => sp.GetRequiredService<ClientRetryFilter>().ForgetUserAsync);
        services.AddErasureStep("adLedgers", sp => sp.GetRequiredService<AdLedgerStore>().DeleteAsync);
        services.AddErasureStep("follows", sp => sp.GetRequiredService<FollowStore>().ForgetUserAsync);
        services.AddErasureStep("chatMessages", sp => sp.GetRequiredService<ChatMessageStore>().EraseAuthorAsync);
        services.AddErasureStep("roomEvents", sp => sp.GetRequiredService<RoomLogStore>().RedactUserAsync);
        services.AddErasureStep("chatState", sp => async (tenantId, userId, token) =>
        {
            foreach (var roomId in await sp.GetRequiredService<ChatStateStore>().ForgetUserAsync(tenantId, userId, token))
            {
                await sp.GetRequiredService<RoomLogWriter>().RoomChangedAsync(tenantId, roomId, token);
            }
        });
        services.AddErasureStep("moderationLog", sp => sp.GetRequiredService<ModerationLogStore>().AnonymiseUserAsync);
        services.AddErasureStep("deadLetters", sp => sp.GetRequiredService<DeadLetterStore>().ForgetUserAsync);
        services.AddErasureStep("wallet", sp => sp.GetRequiredService<WalletStore>().EraseAsync);
        services.AddErasureStep("roomStats", sp => (tenantId, userId, token) =>
            sp.GetRequiredService<RoomStatsStore>().ForgetUserAsync(tenantId, userId, sp.GetRequiredService<RoomStore>().IdsAsync(tenantId, token), token));
        return services;
    }
}
