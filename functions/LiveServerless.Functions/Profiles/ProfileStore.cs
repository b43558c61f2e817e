using LiveServerless.Domain.Profiles;
using LiveServerless.Functions.Cosmos;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Profiles;

/// <summary>One profile document per user; id and partition key = tenant:user.</summary>
public sealed record ProfileDocument(string Id, string UserId, UserProfile Profile) : ICosmosDocument
{
    public string PartitionKeyValue => UserId;
}

/// <summary>User profiles in Cosmos DB (container profiles).</summary>
public sealed class ProfileStore(CosmosDatabase database) : IUserDataEraser, IUserDataExporter
{
    private readonly CosmosDocuments<ProfileDocument> _documents = new(database, CosmosContainers.Profiles);

    public async Task<UserProfile?> GetAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, userId);
        return (await _documents.ReadAsync(key, key, cancellationToken))?.Document.Profile;
    }

    /// <summary>The stored profile with its version (null when the user has none yet), for a later <see cref="UpdateAsync"/>.</summary>
    public async Task<(UserProfile Profile, string ETag)?> ReadAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, userId);
        return await _documents.ReadAsync(key, key, cancellationToken) is { } stored ? (stored.Document.Profile, stored.ETag) : null;
    }

    /// <summary>
    /// Applies a replay-safe change. The first attempt writes against <paramref name="read"/> (the version the caller already
    /// read, or none); only if someone wrote in between is the profile read again and the change re-applied.
    /// </summary>
    public async Task<UserProfile> UpdateAsync(
        string tenantId, string userId, (UserProfile Profile, string? ETag) read, Func<UserProfile, UserProfile> change, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, userId);
        var first = change(read.Profile);
        if (read.ETag is not null && ReferenceEquals(first, read.Profile))
        {
            return first;
        }

        if (await _documents.TryWriteAsync(new ProfileDocument(key, key, first), read.ETag, cancellationToken) is not null)
        {
            return first;
        }

        var seed = read.Profile;
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
        var key = CosmosKeys.Scoped(tenantId, userId);
        return _documents.DeleteAsync(key, key, cancellationToken);
    }

    string IUserDataEraser.Store => "profile";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        DeleteAsync(tenantId, userId, cancellationToken);

    string IUserDataExporter.Section => "profile";

    async Task<object?> IUserDataExporter.ExportUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        await GetAsync(tenantId, userId, cancellationToken);
}
