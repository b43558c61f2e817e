namespace LiveServerless.Domain.Profiles;

/// <summary>A host the user engages, and which share of the user's engagement goes to them.</summary>
public sealed record HostShare(string HostUserId, double Share)
{
    /// <summary>
    /// Ranks hosts by affinity = recent watched hours + <see cref="ProfileRules.FollowedHostAffinityHours"/> if followed,
    /// and normalises the top <paramref name="count"/> to shares. Ties go to the smaller id, so the result is deterministic.
    /// </summary>
    internal static IReadOnlyList<HostShare> Top(
        IReadOnlyDictionary<string, DecayedValue> watchedHosts,
        IReadOnlyDictionary<string, DateTimeOffset> followedHosts,
        DateTimeOffset now,
        int count)
    {
        var affinities = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (host, seconds) in watchedHosts)
        {
            affinities[host] = seconds.ValueAt(now, ProfileRules.HostHalfLife) / 3600;
        }

        foreach (var host in followedHosts.Keys)
        {
            affinities[host] = affinities.GetValueOrDefault(host) + ProfileRules.FollowedHostAffinityHours;
        }

        var top = affinities.Where(a => a.Value > 0)
            .OrderByDescending(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal)
            .Take(count)
            .ToList();
        var total = top.Sum(a => a.Value);
        return top.Select(a => new HostShare(a.Key, a.Value / total)).ToArray();
    }
}
