using LiveServerless.Domain.Interactions;

namespace LiveServerless.Domain.Profiles;

/// <summary>
/// The mutable working copy behind <see cref="ProfileUpdater"/>: one batch is folded into it event by event, then frozen once.
/// Its state is exactly the profile's state (nothing is kept only here), which is why batch boundaries cannot change the result.
/// </summary>
internal sealed class ProfileBuilder
{
    private readonly UserProfile _origin;
    private readonly Dictionary<string, DecayedValue> _tags;
    private readonly Dictionary<string, DecayedValue> _categories;
    private readonly Dictionary<string, DecayedValue> _watchedHosts;
    private readonly Dictionary<string, DateTimeOffset> _followedHosts;
    private readonly Dictionary<string, AdClickStats> _ads;
    private readonly long[] _activeHours;
    private EngagementStats _engagement;
    private WatchSession? _currentWatch;
    private StreamWatermarks _watermarks;
    private DateTimeOffset _clock;

    public ProfileBuilder(UserProfile profile)
    {
        _origin = profile;
        _tags = new Dictionary<string, DecayedValue>(profile.TagInterests, StringComparer.Ordinal);
        _categories = new Dictionary<string, DecayedValue>(profile.CategoryInterests, StringComparer.Ordinal);
        _watchedHosts = new Dictionary<string, DecayedValue>(profile.WatchedHosts, StringComparer.Ordinal);
        _followedHosts = new Dictionary<string, DateTimeOffset>(profile.FollowedHosts, StringComparer.Ordinal);
        _ads = new Dictionary<string, AdClickStats>(profile.AdsByCategory, StringComparer.Ordinal);
        _activeHours = [.. profile.ActiveHours];
        _engagement = profile.Engagement;
        _currentWatch = profile.CurrentWatch;
        _watermarks = profile.Watermarks;
        _clock = profile.UpdatedAt;
    }

    public IReadOnlyDictionary<string, DecayedValue> WatchedHosts => _watchedHosts;

    public IReadOnlyDictionary<string, DateTimeOffset> FollowedHosts => _followedHosts;

    /// <summary>Applies the event unless it was applied before; <paramref name="interestWeight"/> is what it added to each of its tags.</summary>
    public bool TryApply(StreamedInteraction streamed, out double interestWeight)
    {
        var interaction = streamed.Interaction;
        if (!string.Equals(interaction.UserId, _origin.UserId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Event '{interaction.Id}' belongs to user '{interaction.UserId}', not '{_origin.UserId}'.", nameof(streamed));
        }

        interestWeight = 0;
        if (_watermarks.IsApplied(streamed.PartitionId, streamed.SequenceNumber))
        {
            return false;
        }

        var at = interaction.OccurredAt;
        _clock = at > _clock ? at : _clock;
        _engagement = _engagement.Add(interaction);
        _activeHours[at.UtcDateTime.Hour]++;
        RecordAd(interaction);
        interestWeight = ProfileRules.InterestWeight(interaction, SecondsAlreadyWatched(interaction));
        RecordWatch(interaction);
        RecordFollow(interaction);
        AddInterest(_tags, interaction.RoomTags, interestWeight, at, ProfileRules.MaxTags);
        if (interaction.RoomCategory is { } category)
        {
            AddInterest(_categories, [category], interestWeight, at, ProfileRules.MaxCategories);
        }

        _watermarks = _watermarks.Advance(streamed.PartitionId, streamed.SequenceNumber);
        return true;
    }

    public UserProfile Build()
    {
        var profile = _origin with
        {
            UpdatedAt = _clock,
            TagInterests = Sorted(_tags),
            CategoryInterests = Sorted(_categories),
            WatchedHosts = Sorted(_watchedHosts),
            FollowedHosts = Sorted(_followedHosts),
            AdsByCategory = Sorted(_ads),
            ActiveHours = [.. _activeHours],
            Engagement = _engagement,
            CurrentWatch = _currentWatch,
            Watermarks = _watermarks,
        };
        return profile with { Segments = Segments.Derive(profile, _clock) };
    }

    private double SecondsAlreadyWatched(Interaction interaction) =>
        interaction.Type == InteractionType.Watch && _currentWatch is { } watch && string.Equals(watch.RoomId, interaction.RoomId, StringComparison.Ordinal)
            ? watch.Seconds
            : 0;

    private void RecordWatch(Interaction interaction)
    {
        if (interaction.Type != InteractionType.Watch || interaction.WatchSeconds <= 0)
        {
            return;
        }

        _currentWatch = new WatchSession(interaction.RoomId, SecondsAlreadyWatched(interaction) + interaction.WatchSeconds);
        if (interaction.HostUserId is { } host)
        {
            _watchedHosts[host] = _watchedHosts.GetValueOrDefault(host).Add(interaction.WatchSeconds, interaction.OccurredAt, ProfileRules.HostHalfLife);
            DropWeakest(_watchedHosts, ProfileRules.MaxWatchedHosts, ProfileRules.HostHalfLife);
        }
    }

    private void RecordFollow(Interaction interaction)
    {
        if (interaction.Type != InteractionType.Follow || interaction.HostUserId is not { } host || _followedHosts.ContainsKey(host))
        {
            return;
        }

        _followedHosts[host] = interaction.OccurredAt;
        if (_followedHosts.Count > ProfileRules.MaxFollowedHosts)
        {
            var oldest = _followedHosts.MinBy(f => (f.Value, f.Key), FollowOrder.Instance);
            _followedHosts.Remove(oldest.Key);
        }
    }

    private void RecordAd(Interaction interaction)
    {
        if (interaction.Type is not (InteractionType.AdImpression or InteractionType.AdClick) || interaction.RoomCategory is not { } category)
        {
            return;
        }

        if (!_ads.TryGetValue(category, out var stats))
        {
            if (_ads.Count >= ProfileRules.MaxAdCategories)
            {
                return;
            }

            stats = AdClickStats.None;
        }

        _ads[category] = interaction.Type == InteractionType.AdClick ? stats.WithClick() : stats.WithImpression();
    }

    private void AddInterest(Dictionary<string, DecayedValue> interests, IEnumerable<string> keys, double weight, DateTimeOffset at, int capacity)
    {
        if (weight <= 0)
        {
            return;
        }

        foreach (var key in keys)
        {
            interests[key] = interests.GetValueOrDefault(key).Add(weight, at, ProfileRules.InterestHalfLife);
        }

        DropWeakest(interests, capacity, ProfileRules.InterestHalfLife);
    }

    /// <summary>Keeps a bounded map bounded: the entry worth least now goes (ties: the larger id), deterministic on every replica.</summary>
    private void DropWeakest(Dictionary<string, DecayedValue> entries, int capacity, TimeSpan halfLife)
    {
        while (entries.Count > capacity)
        {
            var weakest = entries.MinBy(e => (e.Value.ValueAt(_clock, halfLife), e.Key), WeakestOrder.Instance);
            entries.Remove(weakest.Key);
        }
    }

    private static Dictionary<string, T> Sorted<T>(Dictionary<string, T> entries) =>
        entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>Weakest first; among equals the larger id goes, so the survivors do not depend on dictionary order.</summary>
    private sealed class WeakestOrder : IComparer<(double Value, string Key)>
    {
        public static WeakestOrder Instance { get; } = new();

        public int Compare((double Value, string Key) x, (double Value, string Key) y)
        {
            var byValue = x.Value.CompareTo(y.Value);
            return byValue != 0 ? byValue : string.CompareOrdinal(y.Key, x.Key);
        }
    }

    /// <summary>Oldest follow first; among equals the larger id goes.</summary>
    private sealed class FollowOrder : IComparer<(DateTimeOffset At, string Key)>
    {
        public static FollowOrder Instance { get; } = new();

        public int Compare((DateTimeOffset At, string Key) x, (DateTimeOffset At, string Key) y)
        {
            var byTime = x.At.CompareTo(y.At);
            return byTime != 0 ? byTime : string.CompareOrdinal(y.Key, x.Key);
        }
    }
}
