using LiveServerless.Domain.Profiles;
using LiveServerless.Domain.Recommendations;
using LiveServerless.Functions.Streaming;
using LiveServerless.Functions.Users;

namespace LiveServerless.Functions.Profiles;

/// <summary>
/// Keeps user profiles and host co-engagement from the stream, per user and in stream order: first the co-engagement
/// contributions (computed from the profile as it was before the batch), then the profile — written last, so a replay after a
/// failure recomputes exactly the same contributions and the host documents' watermarks skip the ones already applied.
/// Touched users are marked changed (the recommendation refresher reads them). Events of deleted users create nothing.
/// </summary>
public sealed class ProfileHandler(ProfileStore profiles, CoEngagementStore coEngagement, UserStore users, ChangedProfiles changed) : IInteractionBatchHandler
{
    public string Name => "profiles";

    public async Task HandleAsync(InteractionBatch batch, CancellationToken cancellationToken)
    {
        foreach (var user in batch.Events.GroupBy(e => (e.Interaction.TenantId, e.Interaction.UserId)))
        {
            var (tenantId, userId) = user.Key;
            var events = user.ToArray();
            var stored = await profiles.ReadAsync(tenantId, userId, cancellationToken);
            var before = stored?.Profile ?? await NewProfileAsync(tenantId, userId, events[0].Interaction.OccurredAt, cancellationToken);
            if (before is null)
            {
                continue;
            }

            foreach (var host in CoEngagement.Contributions(before, events).GroupBy(c => c.HostUserId))
            {
                await coEngagement.ApplyAsync(tenantId, host.Key, [.. host], cancellationToken);
            }

            await profiles.UpdateAsync(tenantId, userId, (before, stored?.ETag), profile => ProfileUpdater.Apply(profile, events), cancellationToken);
            changed.MarkChanged((tenantId, userId));
        }
    }

    private async Task<UserProfile?> NewProfileAsync(string tenantId, string userId, DateTimeOffset firstEventAt, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(tenantId, userId, cancellationToken);
        return user is null ? null : UserProfile.ForNewUser(userId, user.Value.Tags, firstEventAt);
    }
}
