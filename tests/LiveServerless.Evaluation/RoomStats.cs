using LiveServerless.Domain.Interactions;
using LiveServerless.Domain.Profiles;

namespace LiveServerless.Evaluation;

/// <summary>
/// Each room's heat, as the stream processor's room statistics would keep it: a decayed rate of engagement (viewer-minutes, likes,
/// chats, gifts, follows, shares) with a 10-minute half-life. Recommenders see only this, never the simulator's audience counts.
/// </summary>
public sealed class RoomStats
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromMinutes(10);
    private readonly Dictionary<string, DecayedValue> _heat = new(StringComparer.Ordinal);

    public void Observe(IEnumerable<StreamedInteraction> events)
    {
        foreach (var interaction in events.Select(e => e.Interaction))
        {
            var amount = interaction.Type switch
            {
                InteractionType.Watch => interaction.WatchSeconds / 60.0,
                InteractionType.Like or InteractionType.Chat => 1,
                InteractionType.Gift or InteractionType.Follow or InteractionType.Share => 2,
                _ => 0,
            };
            _heat[interaction.RoomId] = _heat.GetValueOrDefault(interaction.RoomId).Add(amount, interaction.OccurredAt, HalfLife);
        }
    }

    public double HeatOf(string roomId, DateTimeOffset now) => _heat.GetValueOrDefault(roomId).ValueAt(now, HalfLife);
}
