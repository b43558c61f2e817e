using Azure.Data.Tables;
using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Chat;

/// <summary>A room's chat history in Azure Tables; row keys are newest-first message ids, so history needs no sorting.</summary>
public sealed class ChatMessageStore(TableProvider tables)
{
    private readonly DocumentTable<ChatMessage> _messages = new(tables, TableNames.Chat, "Message");

    public Task AddAsync(string tenantId, ChatMessage message, CancellationToken cancellationToken) =>
        _messages.AddAsync(TableNames.Scoped(tenantId, message.RoomId), message.Id, message, new Dictionary<string, object> { ["UserId"] = message.UserId }, cancellationToken);

    public Task<Versioned<ChatMessage>> GetRequiredAsync(string tenantId, string roomId, string messageId, CancellationToken cancellationToken) =>
        _messages.GetRequiredAsync(TableNames.Scoped(tenantId, roomId), messageId, cancellationToken);

    public Task DeleteAsync(string tenantId, string roomId, string messageId, CancellationToken cancellationToken) =>
        _messages.DeleteAsync(TableNames.Scoped(tenantId, roomId), messageId, ifMatch: null, cancellationToken);

    public Task<int> ClearAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        _messages.DeletePartitionAsync(TableNames.Scoped(tenantId, roomId), cancellationToken);

    /// <summary>Every message a user wrote in any room of the tenant (privacy export; a scan of the tenant's partitions).</summary>
    public async Task<IReadOnlyList<ChatMessage>> ListByAuthorAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var filter = TableNames.TenantPartitions(tenantId) + " and " + TableClient.CreateQueryFilter($"UserId eq {userId}");
        var found = new List<ChatMessage>();
        await foreach (var message in _messages.ScanAsync(filter, cancellationToken))
        {
            found.Add(message.Value);
        }

        return found;
    }

    /// <summary>Removes every message the user wrote, in every room of the tenant (erasure); idempotent.</summary>
    public async Task EraseAuthorAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var filter = TableNames.TenantPartitions(tenantId) + " and " + TableClient.CreateQueryFilter($"UserId eq {userId}");
        await foreach (var (partitionKey, rowKey) in _messages.ScanKeysAsync(filter, cancellationToken))
        {
            await _messages.DeleteIfExistsAsync(partitionKey, rowKey, cancellationToken);
        }
    }

    /// <summary>Newest first; with <paramref name="afterId"/>, only messages newer than that one (a reconnecting client's catch-up).</summary>
    public async Task<Page<ChatMessage>> ListAsync(string tenantId, string roomId, string? afterId, PageRequest page, CancellationToken cancellationToken)
    {
        var filter = afterId is null ? null : TableClient.CreateQueryFilter($"RowKey lt {afterId}");
        return (await _messages.QueryAsync(TableNames.Scoped(tenantId, roomId), filter, page, cancellationToken)).Map(v => v.Value);
    }
}
