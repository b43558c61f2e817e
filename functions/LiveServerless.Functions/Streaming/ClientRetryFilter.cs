using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Cosmos;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Streaming;

public sealed record SeenEventsDocument(string Id, string UserId, SeenEvents Seen) : ICosmosDocument
{
    public string PartitionKeyValue => UserId;
}

/// <summary>
/// Drops events a client posted twice (same idempotency key → same event id, at a different stream position). Only events
/// with client keys are looked at, so ordinary traffic costs nothing. One document per tenant:user: the stream is partitioned
/// by user too, so one processor at a time owns each document.
/// </summary>
public sealed class ClientRetryFilter(CosmosDatabase database, TimeProvider time) : IUserDataEraser
{
    private readonly CosmosDocuments<SeenEventsDocument> _documents = new(database, CosmosContainers.SeenEvents);

    public async Task<(IReadOnlyList<StreamedInteraction> Keep, int Duplicates)> FilterAsync(
        IReadOnlyList<StreamedInteraction> events, CancellationToken cancellationToken)
    {
        var keyedUsers = events.Where(e => e.Interaction.HasClientKey).Select(DocumentKey).ToHashSet(StringComparer.Ordinal);
        if (keyedUsers.Count == 0)
        {
            return (events, 0);
        }

        var duplicates = new HashSet<(string, long)>();
        foreach (var userKey in keyedUsers)
        {
            var keyed = events.Where(e => e.Interaction.HasClientKey && DocumentKey(e) == userKey).ToArray();
            await _documents.UpdateAsync(userKey, userKey, current =>
            {
                var (seen, _, dropped) = (current?.Seen ?? SeenEvents.None).Filter(keyed, time.GetUtcNow());
                foreach (var duplicate in dropped)
                {
                    duplicates.Add((duplicate.PartitionId, duplicate.SequenceNumber));
                }

                return new SeenEventsDocument(userKey, userKey, seen);
            }, cancellationToken);
        }

        var keep = events.Where(e => !duplicates.Contains((e.PartitionId, e.SequenceNumber))).ToArray();
        return (keep, events.Count - keep.Length);
    }

    /// <summary>Forgets a user's seen event ids (when the user is deleted).</summary>
    public Task ForgetUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, userId);
        return _documents.DeleteAsync(key, key, cancellationToken);
    }

    private static string DocumentKey(StreamedInteraction e) => CosmosKeys.Scoped(e.Interaction.TenantId, e.Interaction.UserId);

    string IUserDataEraser.Store => "seenEvents";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        ForgetUserAsync(tenantId, userId, cancellationToken);
}
