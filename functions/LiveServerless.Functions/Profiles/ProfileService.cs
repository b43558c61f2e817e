using LiveServerless.Domain.Profiles;
using LiveServerless.Functions.Users;

namespace LiveServerless.Functions.Profiles;

/// <summary>Reads a user's profile for partners; a user without interactions yet has the profile seeded from their declared tags.</summary>
public sealed class ProfileService(UserStore users, ProfileStore profiles, TimeProvider time)
{
    public async Task<ProfileReading> GetAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var user = (await users.GetRequiredAsync(tenantId, userId, cancellationToken)).Value;
        var now = time.GetUtcNow();
        var profile = await profiles.GetAsync(tenantId, userId, cancellationToken) ?? UserProfile.ForNewUser(userId, user.Tags, now);
        return new ProfileReading(profile, now);
    }
}

/// <summary>A user's profile and when it was read (interest weights decay up to that moment).</summary>
public sealed record ProfileReading(UserProfile Profile, DateTimeOffset At);
