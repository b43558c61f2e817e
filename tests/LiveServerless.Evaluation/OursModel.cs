using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Profiles;
using LiveServerless.Domain.Recommendations;

namespace LiveServerless.Evaluation;

/// <summary>
/// Our recommender, fed the way the stream handler feeds it: per partition batch and per user, co-engagement documents first, the
/// profile last, then <see cref="Recommender.Recommend"/> with the host documents <see cref="Recommender.HostsToLookUp"/> names.
/// Everything here is the domain's code; this class only stands in for Cosmos DB (two dictionaries).
/// </summary>
public sealed class OursModel(IReadOnlyDictionary<string, SimUser> users)
{
    private readonly Dictionary<string, UserProfile> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostNeighbours> _hostDocuments = new(StringComparer.Ordinal);

    public void Observe(IReadOnlyList<StreamedInteraction> partitionBatch)
    {
        foreach (var userEvents in partitionBatch.GroupBy(e => e.Interaction.UserId, StringComparer.Ordinal))
        {
            var events = userEvents.ToArray();
            var profile = _profiles.GetValueOrDefault(userEvents.Key)
                ?? UserProfile.ForNewUser(userEvents.Key, users[userEvents.Key].DeclaredTags, events[0].Interaction.OccurredAt);
            foreach (var forHost in CoEngagement.Contributions(profile, events).GroupBy(c => c.HostUserId, StringComparer.Ordinal))
            {
                _hostDocuments[forHost.Key] = _hostDocuments.GetValueOrDefault(forHost.Key, HostNeighbours.Empty(forHost.Key)).Apply(forHost);
            }

            _profiles[userEvents.Key] = ProfileUpdater.Apply(profile, events);
        }
    }

    public IReadOnlyList<Recommendation> Recommend(SimUser user, DateTimeOffset now, IReadOnlyList<LiveRoomCandidate> live, RecommenderOptions options)
    {
        var profile = _profiles.GetValueOrDefault(user.Id) ?? UserProfile.ForNewUser(user.Id, user.DeclaredTags, now);
        var documents = Recommender.HostsToLookUp(profile, now, options)
            .Where(_hostDocuments.ContainsKey)
            .ToDictionary(host => host, host => _hostDocuments[host], StringComparer.Ordinal);
        return Recommender.Recommend(profile, live, documents, now, options);
    }

    public IEnumerable<UserProfile> Profiles => _profiles.Values;

    public IEnumerable<HostNeighbours> HostDocuments => _hostDocuments.Values;
}
