using LiveServerless.Domain.Profiles;
using LiveServerless.Functions.Users;

namespace LiveServerless.Functions.Profiles;

/// <summary>Reads a user's profile for partners; a user without interactions yet has the profile seeded from their declared tags.</summary>
public sealed class ProfileService(UserStore users, ProfileStore profiles, TimeProvider time)
{
    public async Task<ProfileResponse> GetAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var user = (await users.GetRequiredAsync(tenantId, userId, cancellationToken)).Value;
        var now = time.GetUtcNow();
        var profile = await profiles.GetAsync(tenantId, userId, cancellationToken) ?? UserProfile.ForNewUser(userId, user.Tags, now);
        return ProfileResponse.From(profile, now);
    }
}
