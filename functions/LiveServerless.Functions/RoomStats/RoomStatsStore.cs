using LiveServerless.Domain.RoomStats;
using LiveServerless.Functions.Cosmos;
using LiveServerless.Functions.Rooms;

namespace LiveServerless.Functions.RoomStats;

/// <summary>One document per room, id and partition key = tenant:room.</summary>
public sealed record RoomStatsDocument(string Id, string RoomId, RoomStatistics Stats) : ICosmosDocument
{
    public string PartitionKeyValue => RoomId;
}

/// <summary>Room statistics in Cosmos DB (container roomStats).</summary>
public sealed class RoomStatsStore(CosmosDatabase database) : IRoomDataEraser
{
    /// <summary>Who an erased user becomes on a leaderboard.</summary>
    public const string ErasedUserId = "erased-user";

    private readonly CosmosDocuments<RoomStatsDocument> _documents = new(database, CosmosContainers.RoomStats);

    public async Task<RoomStatistics> GetAsync(string tenantId, string roomId, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, roomId);
        return (await _documents.ReadAsync(key, key, cancellationToken))?.Document.Stats ?? RoomStatistics.Empty(tenantId, roomId);
    }

    /// <summary>Applies a change to the room's statistics (replay-safe changes only) and returns (before, after).</summary>
    public async Task<(RoomStatistics Before, RoomStatistics After)> UpdateAsync(
        string tenantId, string roomId, Func<RoomStatistics, RoomStatistics> change, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, roomId);
        var before = RoomStatistics.Empty(tenantId, roomId);
        var written = await _documents.UpdateAsync(key, key, current =>
        {
            before = current?.Stats ?? RoomStatistics.Empty(tenantId, roomId);
            var after = change(before);
            return current is not null && ReferenceEquals(after, before) ? current : new RoomStatsDocument(key, key, after);
        }, cancellationToken);
        return (before, written.Stats);
    }

    /// <summary>Takes the user out of the statistics of every room of the tenant (erasure); rooms that do not name them are not written.</summary>
    public async Task ForgetUserAsync(string tenantId, string userId, IAsyncEnumerable<string> roomIds, CancellationToken cancellationToken)
    {
        await foreach (var roomId in roomIds.WithCancellation(cancellationToken))
        {
            var key = CosmosKeys.Scoped(tenantId, roomId);
            if (await _documents.ReadAsync(key, key, cancellationToken) is not null)
            {
                await UpdateAsync(tenantId, roomId, stats => stats.Forget(userId, ErasedUserId), cancellationToken);
            }
        }
    }

    public Task DeleteAsync(string tenantId, string roomId, CancellationToken cancellationToken)
    {
        var key = CosmosKeys.Scoped(tenantId, roomId);
        return _documents.DeleteAsync(key, key, cancellationToken);
    }

    Task IRoomDataEraser.DeleteRoomDataAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        DeleteAsync(tenantId, roomId, cancellationToken);
}
