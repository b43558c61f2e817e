using LiveServerless.Domain.Recommendations;
using LiveServerless.Functions.Cosmos;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Recommendations;

/// <summary>A user's latest recommendation list; id and partition key = tenant:user.</summary>
public sealed record RecommendationsDocument(string Id, string UserId, IReadOnlyList<Recommendation> Items, DateTimeOffset GeneratedAt) : ICosmosDocument
{
    public string PartitionKeyValue => UserId;
}

/// <summary>Stored recommendation lists in Cosmos DB (container recommendations).</summary>
public sealed class RecommendationStore(CosmosDatabase database) : IUserDataEraser, IUserDataExporter
{
    private readonly CosmosDocuments<RecommendationsDocument> _documents = new(database, CosmosContainers.Recommendations);

    public async Task<RecommendationsDocument?> GetAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, userId);
        return (await _documents.ReadAsync(key, key, cancellationToken))?.Document;
    }

    public Task SaveAsync(string tenantId, string userId, IReadOnlyList<Recommendation> items, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, userId);
        return _documents.UpsertAsync(new RecommendationsDocument(key, key, items, generatedAt), cancellationToken);
    }

    public Task DeleteAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, userId);
        return _documents.DeleteAsync(key, key, cancellationToken);
    }

    string IUserDataEraser.Store => "recommendations";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        DeleteAsync(tenantId, userId, cancellationToken);

    string IUserDataExporter.Section => "recommendations";

    async Task<object?> IUserDataExporter.ExportUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        (await GetAsync(tenantId, userId, cancellationToken))?.Items ?? [];
}
