using LiveServerless.Domain.Recommendations;
using LiveServerless.Functions.Cosmos;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Profiles;

/// <summary>One co-engagement document per host; id and partition key = tenant:host, so tenants never mix.</summary>
public sealed record HostNeighboursDocument(string Id, string HostUserId, HostNeighbours Neighbours) : ICosmosDocument
{
    public string PartitionKeyValue => HostUserId;
}

/// <summary>Host–host co-engagement in Cosmos DB (container coEngagement).</summary>
public sealed class CoEngagementStore(CosmosDatabase database) : IUserDataEraser
{
    private readonly CosmosDocuments<HostNeighboursDocument> _documents = new(database, CosmosContainers.CoEngagement);

    public async Task<IReadOnlyDictionary<string, HostNeighbours>> GetManyAsync(string tenantId, IEnumerable<string> hostUserIds, CancellationToken cancellationToken)
    {
        var reads = hostUserIds.Distinct(StringComparer.Ordinal).Select(async host =>
        {
            var key = CosmosKeys.Scoped(tenantId, host);
            return (Host: host, Document: await _documents.ReadAsync(key, key, cancellationToken));
        });
        var found = await Task.WhenAll(reads);
        return found.Where(f => f.Document is not null).ToDictionary(f => f.Host, f => f.Document!.Value.Document.Neighbours, StringComparer.Ordinal);
    }

    /// <summary>Forgets the host's own neighbour document (erasure); idempotent.</summary>
    public Task DeleteAsync(string tenantId, string hostUserId, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, hostUserId);
        return _documents.DeleteAsync(key, key, cancellationToken);
    }

    public Task ApplyAsync(string tenantId, string hostUserId, IReadOnlyList<CoEngagementContribution> contributions, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, hostUserId);
        return _documents.UpdateAsync(key, key, current =>
        {
            var before = current?.Neighbours ?? HostNeighbours.Empty(hostUserId);
            var after = before.Apply(contributions);
            return current is not null && ReferenceEquals(after, before) ? current : new HostNeighboursDocument(key, key, after);
        }, cancellationToken);
    }

    string IUserDataEraser.Store => "coEngagement";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        DeleteAsync(tenantId, userId, cancellationToken);
}
