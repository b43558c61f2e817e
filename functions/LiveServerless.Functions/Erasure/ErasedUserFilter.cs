using System.Collections.Concurrent;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Streaming;

namespace LiveServerless.Functions.Erasure;

/// <summary>
/// The tombstone check of the stream: events of a user being erased, or from before their erasure finished, are dropped before any
/// handler sees them, so a late event can never re-create a profile, a ledger or a statistic of an erased user. One point read per
/// distinct user of a batch; a finished job never changes, so it is remembered for the events it covers.
/// </summary>
public sealed class ErasedUserFilter(ErasureStore jobs) : IInteractionFilter
{
    private readonly ConcurrentDictionary<(string TenantId, string UserId), ErasureJob> _finished = new();

    public async Task<IReadOnlyList<StreamedInteraction>> FilterAsync(IReadOnlyList<StreamedInteraction> events, CancellationToken cancellationToken)
    {
        var users = events.GroupBy(e => (e.Interaction.TenantId, e.Interaction.UserId)).Select(g => (User: g.Key, Latest: g.Max(e => e.Interaction.OccurredAt))).ToArray();
        var found = await Task.WhenAll(users.Select(async user => (user.User, Job: await JobAsync(user.User, user.Latest, cancellationToken))));
        var tombstones = found.Where(f => f.Job is not null).ToDictionary(f => f.User, f => f.Job!);
        return tombstones.Count == 0
            ? events
            : [.. events.Where(e => !(tombstones.TryGetValue((e.Interaction.TenantId, e.Interaction.UserId), out var job) && job.Covers(e.Interaction.OccurredAt)))];
    }

    /// <summary>
    /// The events of <paramref name="events"/> that do not fall under an erasure of <paramref name="userId"/> — for effects on a user
    /// other than the event's author, such as a host's earnings from gifts in their room.
    /// </summary>
    public async Task<IReadOnlyList<StreamedInteraction>> NotErasingAsync(
        string tenantId, string userId, IReadOnlyList<StreamedInteraction> events, CancellationToken cancellationToken)
    {
        var job = await JobAsync((tenantId, userId), events.Max(e => e.Interaction.OccurredAt), cancellationToken);
        return job is null ? events : [.. events.Where(e => !job.Covers(e.Interaction.OccurredAt))];
    }

    /// <summary>
    /// The user's job. A remembered finished job answers for events up to its end; a later event (a re-created user, perhaps
    /// being erased again) is checked against the store.
    /// </summary>
    private async Task<ErasureJob?> JobAsync((string TenantId, string UserId) user, DateTimeOffset latest, CancellationToken cancellationToken)
    {
        if (_finished.TryGetValue(user, out var finished) && finished.Covers(latest))
        {
            return finished;
        }

        var job = await jobs.GetAsync(user.TenantId, user.UserId, cancellationToken);
        if (job is { Status: ErasureStatus.Done })
        {
            _finished[user] = job;
        }

        return job;
    }
}
