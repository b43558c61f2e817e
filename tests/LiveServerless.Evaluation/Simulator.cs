using System.Globalization;
using LiveServerless.Domain.Interactions;

namespace LiveServerless.Evaluation;

/// <summary>A user starting to watch a room: the event the recommenders must predict.</summary>
public sealed record Choice(int Tick, SimUser User, SimRoom Room, bool RepeatHost, bool FirstSession);

/// <summary>What the platform recorded: the interaction stream (per tick, in stream order) and every room choice.</summary>
public sealed record SimulatedLog(IReadOnlyList<StreamedInteraction>[] EventsByTick, IReadOnlyList<Choice> Choices)
{
    public int EventCount => EventsByTick.Sum(e => e.Count);
}

/// <summary>
/// Plays the platform forward in 5-minute ticks. A user who starts a session picks one of the rooms live at that moment by a logit
/// choice over: taste match, repeat consumption (log of minutes already spent with the host, a follow), the room's current audience
/// (the trending effect) and the host's appeal. They watch for a while (longer when they like it), interacting as they go.
/// </summary>
public sealed class Simulator(World world, Rng rng)
{
    // Choice model. Repeat consumption is strong (a host watched 2 h is worth as much as a perfect taste match), as in live streaming.
    private const double TasteWeight = 1.0;
    private const double RepeatWeight = 0.8;
    private const double FollowWeight = 1.0;
    private const double AudienceWeight = 0.4;

    private readonly Dictionary<int, double>[] _minutesWithHost = [.. world.Users.Select(_ => new Dictionary<int, double>())];
    private readonly HashSet<int>[] _follows = [.. world.Users.Select(_ => new HashSet<int>())];
    private readonly int[] _sessions = new int[world.Users.Length];
    private readonly SimRoom?[] _watching = new SimRoom?[world.Users.Length];
    private readonly double[] _stayProbability = new double[world.Users.Length];
    private readonly int[] _viewers = new int[world.Rooms.Length];
    private long _eventIds;

    public SimulatedLog Run()
    {
        var perTick = new List<(Interaction Event, int Partition)>[world.TotalTicks];
        var choices = new List<Choice>();
        var live = new List<SimRoom>();
        var nextRoom = 0;
        for (var tick = 0; tick < world.TotalTicks; tick++)
        {
            live.RemoveAll(room => room.EndTick <= tick);
            while (nextRoom < world.Rooms.Length && world.Rooms[nextRoom].StartTick <= tick)
            {
                live.Add(world.Rooms[nextRoom++]);
            }

            var events = new List<(Interaction Event, int Partition)>();
            var hour = tick % World.TicksPerDay / World.TicksPerHour;
            foreach (var user in world.Users)
            {
                if (_watching[user.Index] is { } room && (room.EndTick <= tick || !rng.Chance(_stayProbability[user.Index])))
                {
                    Leave(user);
                }

                if (_watching[user.Index] is null && tick >= user.JoinTick && live.Count > 0 && rng.Chance(user.StartProbabilityPerTickByHour[hour]))
                {
                    choices.Add(Join(user, live, tick));
                }

                if (_watching[user.Index] is { } watched)
                {
                    events.AddRange(Watch(user, watched, tick).Select(e => (e, user.Index % world.Settings.Partitions)));
                }
            }

            perTick[tick] = events;
        }

        return new SimulatedLog(Numbered(perTick), choices);
    }

    private Choice Join(SimUser user, List<SimRoom> live, int tick)
    {
        var best = live.MaxBy(room => Utility(user, room) + rng.Gumbel())!;
        var choice = new Choice(tick, user, best, _minutesWithHost[user.Index].ContainsKey(best.Host.Index), _sessions[user.Index] == 0);
        var stay = 0.7 + (0.05 * (user.Taste(best) + RepeatTerm(user, best.Host)));
        _stayProbability[user.Index] = Math.Clamp(stay, 0.5, 0.93);
        _watching[user.Index] = best;
        _viewers[best.Index]++;
        _sessions[user.Index]++;
        return choice;
    }

    private void Leave(SimUser user)
    {
        _viewers[_watching[user.Index]!.Index]--;
        _watching[user.Index] = null;
    }

    private double Utility(SimUser user, SimRoom room) =>
        (TasteWeight * user.Taste(room))
        + RepeatTerm(user, room.Host)
        + (_follows[user.Index].Contains(room.Host.Index) ? FollowWeight : 0)
        + (AudienceWeight * Math.Log(1 + _viewers[room.Index]))
        + room.Host.Appeal;

    private double RepeatTerm(SimUser user, SimHost host) =>
        RepeatWeight * Math.Log(1 + (_minutesWithHost[user.Index].GetValueOrDefault(host.Index) / 10));

    /// <summary>One tick of watching: the heartbeat at the end of the tick, and the interactions that happened along the way.</summary>
    private IEnumerable<Interaction> Watch(SimUser user, SimRoom room, int tick)
    {
        var events = new List<(int Second, InteractionType Type, int Count, decimal UnitValue, int WatchSeconds)> { (299, InteractionType.Watch, 1, 0, 300) };
        var minutes = _minutesWithHost[user.Index];
        minutes[room.Host.Index] = minutes.GetValueOrDefault(room.Host.Index) + 5;
        var engagement = Math.Max(0.3, user.Taste(room));
        if (rng.Chance(0.12 * engagement))
        {
            events.Add((rng.Between(0, 299), InteractionType.Like, rng.Between(1, 6), 0, 0));
        }

        if (rng.Chance(0.08 * engagement))
        {
            events.Add((rng.Between(0, 299), InteractionType.Chat, 1, 0, 0));
        }

        if (rng.Chance(0.01 * user.GiftPropensity * engagement))
        {
            events.Add((rng.Between(0, 299), InteractionType.Gift, 1, rng.Pick([1m, 1m, 1m, 5m, 10m, 50m]), 0));
        }

        if (minutes[room.Host.Index] >= 15 && !_follows[user.Index].Contains(room.Host.Index) && rng.Chance(0.04 * engagement))
        {
            _follows[user.Index].Add(room.Host.Index);
            events.Add((rng.Between(0, 299), InteractionType.Follow, 1, 0, 0));
        }

        if (rng.Chance(0.005 * engagement))
        {
            events.Add((rng.Between(0, 299), InteractionType.Share, 1, 0, 0));
        }

        if (rng.Chance(0.15))
        {
            var second = rng.Between(0, 290);
            events.Add((second, InteractionType.AdImpression, 1, 0, 0));
            if (rng.Chance(user.AdClickRate))
            {
                events.Add((second + 5, InteractionType.AdClick, 1, 0, 0));
            }
        }

        return events.OrderBy(e => e.Second).Select(e => new Interaction
        {
            Id = $"e{++_eventIds}",
            TenantId = "eval",
            UserId = user.Id,
            RoomId = room.Id,
            Type = e.Type,
            OccurredAt = World.TimeOf(tick).AddSeconds(e.Second),
            HostUserId = room.Host.Id,
            RoomCategory = room.Host.Category,
            RoomTags = room.Host.Tags,
            Count = e.Count,
            UnitValue = e.UnitValue,
            WatchSeconds = e.WatchSeconds,
        });
    }

    /// <summary>Puts each tick's events in time order and numbers them per partition (partition = user index mod partitions), as Event Hubs would.</summary>
    private StreamedInteraction[][] Numbered(List<(Interaction Event, int Partition)>[] perTick)
    {
        var sequence = new long[world.Settings.Partitions];
        return [.. perTick.Select(events => events
            .OrderBy(e => e.Event.OccurredAt).ThenBy(e => e.Event.UserId, StringComparer.Ordinal)
            .Select(e => new StreamedInteraction(e.Event, e.Partition.ToString(CultureInfo.InvariantCulture), ++sequence[e.Partition]))
            .ToArray())];
    }
}
