namespace LiveServerless.Domain.Ads;

/// <summary>
/// The probabilistic gate of pacing: a campaign with throttle p takes part in a share p of requests. The draw is a hash of the
/// request's impression id and the campaign id rather than a call to a random generator, so a decision is a pure function of its
/// inputs: the index and a full scan see the same draws, and a replayed decision decides the same way.
/// </summary>
public static class PacingThrottle
{
    public static bool Passes(double throttle, ulong requestKey, ulong campaignKey) =>
        throttle >= 1 || Draw(requestKey, campaignKey) < throttle;

    /// <summary>Uniform in [0, 1): the top 53 bits of a well-mixed 64-bit value.</summary>
    public static double Draw(ulong requestKey, ulong campaignKey) =>
        (Mix(requestKey ^ Mix(campaignKey)) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A stable 64-bit key of a string (FNV-1a, then mixed); string.GetHashCode is randomised per process.</summary>
    public static ulong KeyOf(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return Mix(hash);
    }

    /// <summary>The SplitMix64 finaliser: flips about half the output bits per input bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
