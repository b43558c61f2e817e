using LiveServerless.Domain.Interactions;

namespace LiveServerless.Evaluation;

/// <summary>Seconds each user watched each host, all time and undecayed: the baselines' view of the stream.</summary>
public sealed class ViewingHistory
{
    private readonly Dictionary<string, Dictionary<string, double>> _secondsByUser = new(StringComparer.Ordinal);

    public void Observe(IEnumerable<StreamedInteraction> events)
    {
        foreach (var interaction in events.Select(e => e.Interaction).Where(i => i.Type == InteractionType.Watch && i.HostUserId is not null))
        {
            if (!_secondsByUser.TryGetValue(interaction.UserId, out var hosts))
            {
                _secondsByUser[interaction.UserId] = hosts = new Dictionary<string, double>(StringComparer.Ordinal);
            }

            hosts[interaction.HostUserId!] = hosts.GetValueOrDefault(interaction.HostUserId!) + interaction.WatchSeconds;
        }
    }

    public IReadOnlyDictionary<string, double> HostsOf(string userId) =>
        _secondsByUser.TryGetValue(userId, out var hosts) ? hosts : new Dictionary<string, double>();

    public IEnumerable<IReadOnlyDictionary<string, double>> AllUsers => _secondsByUser.Values;
}
