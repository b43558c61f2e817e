using LiveServerless.Domain.Profiles;
using LiveServerless.Functions.Cosmos;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Profiles;

/// <summary>One profile document per user; id and partition key = tenant:user.</summary>
public sealed record ProfileDocument(string Id, string UserId, UserProfile Profile) : ICosmosDocument
{
    public string PartitionKeyValue => UserId;
}

/// <summary>User profiles in Cosmos DB (container profiles).</summary>
public sealed class ProfileStore(CosmosDatabase database)
{
    private readonly CosmosDocuments<ProfileDocument> _documents = new(database, CosmosContainers.Profiles);

    public async Task<UserProfile?> GetAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var key = TableNames.Scoped(tenantId, userId);
        return (await _documents.ReadAsync(key, key, cancellationToken))?.Document.Profile;
    }

    /// <summary>Applies a replay-safe change to the stored profile (or to <paramref name="seed"/> when there is none yet).</summary>
    public async Task<UserProfile> UpdateAsync(string tenantId, string userId, UserProfile seed, Func<UserProfile, UserProfile> change, CancellationToken cancellationToken)
    {
        var key = TableNames.Scoped(tenantId, userId);
        var written = await _documents.UpdateAsync(key, key, current =>
        {
            var before = current?.Profile ?? seed;
            var after = change(before);
            return current is not null && ReferenceEquals(after, before) ? current : new ProfileDocument(key, key, after);
        }, cancellationToken);
        return written.Profile;
    }

    public Task DeleteAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var key = TableNames.Scoped(tenantId, userId);
        return _documents.DeleteAsync(key, key, cancellationToken);
    }
}
