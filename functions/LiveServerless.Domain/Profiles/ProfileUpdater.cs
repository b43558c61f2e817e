using LiveServerless.Domain.Interactions;

namespace LiveServerless.Domain.Profiles;

/// <summary>Applies a batch of one user's stream events to their profile, exactly once per event.</summary>
public static class ProfileUpdater
{
    /// <summary>
    /// The profile after <paramref name="events"/> (in stream order). Events at or below the profile's watermark for their partition
    /// — replays, and duplicates within the batch — are skipped, so applying a batch twice equals applying it once. Each event is
    /// applied on its own, so the result does not depend on how the stream was cut into batches. Returns the same instance when
    /// nothing is new, which tells the caller there is nothing to write.
    /// </summary>
    /// <exception cref="ArgumentException">An event belongs to another user.</exception>
    public static UserProfile Apply(UserProfile profile, IReadOnlyList<StreamedInteraction> events)
    {
        var builder = new ProfileBuilder(profile);
        var changed = false;
        foreach (var streamed in events)
        {
            if (builder.TryApply(streamed, out _))
            {
                changed = true;
            }
        }

        return changed ? builder.Build() : profile;
    }
}
