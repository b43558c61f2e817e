using ETag = Azure.ETag;
using Azure.Data.Tables;
using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Chat;

/// <summary>
/// A room's chat history in its partition of the chat table (tenant:room): one <c>m:{id}</c> row per message, newest first by
/// id, so history needs no sorting. A message is written, and deleted by a moderator, only together with its room event (rows of
/// the same transaction, see <see cref="RoomEvents.RoomLogWriter"/>); a deleted message becomes a row without text that is no
/// longer <c>Live</c>, so the deletion can never fail the transaction. Clearing a room and erasing a user remove rows outright.
/// </summary>
public sealed class ChatMessageStore(TableProvider tables) : IUserDataEraser, IUserDataExporter
{
    private const string Prefix = "m:";

    private const string LiveColumn = "Live";

    private readonly DocumentTable<ChatMessage> _messages = new(tables, TableNames.Chat, "Message");

    public static TableTransactionAction Adding(string tenantId, ChatMessage message) => new(
        TableTransactionActionType.Add,
        DocumentTable<ChatMessage>.ToEntity(Partition(tenantId, message.RoomId), Row(message.Id), message, new Dictionary<string, object>
        {
            ["UserId"] = message.UserId,
            [LiveColumn] = true,
        }));

    public static TableTransactionAction Deleting(string tenantId, string roomId, string messageId) => new(
        TableTransactionActionType.UpsertReplace, new TableEntity(Partition(tenantId, roomId), Row(messageId)) { [LiveColumn] = false }, ETag.All);

    public async Task<ChatMessage> GetRequiredAsync(string tenantId, string roomId, string messageId, CancellationToken cancellationToken)
    {
        var stored = await _messages.GetEntityAsync(Partition(tenantId, roomId), Row(messageId), cancellationToken);
        return stored?.GetBoolean(LiveColumn) == true ? DocumentTable<ChatMessage>.FromEntity(stored).Value : throw new NotFoundException("Message", messageId);
    }

    /// <summary>Deletes every message of the room (clear, room delete), in transactions of up to 100; idempotent.</summary>
    public async Task<int> ClearAsync(string tenantId, string roomId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Chat, cancellationToken);
        var deleted = 0;
        var keys = new List<string>(100);
        await foreach (var (_, rowKey) in _messages.ScanKeysAsync(PartitionRows(tenantId, roomId), cancellationToken))
        {
            keys.Add(rowKey);
            if (keys.Count == 100)
            {
                deleted += await DeleteAllAsync(table, Partition(tenantId, roomId), keys, cancellationToken);
            }
        }

        return deleted + await DeleteAllAsync(table, Partition(tenantId, roomId), keys, cancellationToken);
    }

    /// <summary>Every message a user wrote in any room of the tenant (privacy export; a scan of the tenant's partitions).</summary>
    public async Task<IReadOnlyList<ChatMessage>> ListByAuthorAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var found = new List<ChatMessage>();
        await foreach (var message in _messages.ScanAsync(ByAuthor(tenantId, userId) + $" and {LiveColumn} eq true", cancellationToken))
        {
            found.Add(message.Value);
        }

        return found;
    }

    /// <summary>Removes every message the user wrote, in every room of the tenant (erasure); idempotent.</summary>
    public async Task EraseAuthorAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        await foreach (var (partitionKey, rowKey) in _messages.ScanKeysAsync(ByAuthor(tenantId, userId), cancellationToken))
        {
            await _messages.DeleteIfExistsAsync(partitionKey, rowKey, cancellationToken);
        }
    }

    /// <summary>Newest first; with <paramref name="afterId"/>, only messages newer than that one (a reconnecting client's catch-up).</summary>
    public async Task<Page<ChatMessage>> ListAsync(string tenantId, string roomId, string? afterId, PageRequest page, CancellationToken cancellationToken)
    {
        var upper = afterId is null ? Prefix[..^1] + ";" : Row(afterId);
        var rows = TableClient.CreateQueryFilter($"RowKey gt {Prefix} and RowKey lt {upper}") + $" and {LiveColumn} eq true";
        return (await _messages.QueryAsync(Partition(tenantId, roomId), rows, page, cancellationToken)).Map(v => v.Value);
    }

    private static async Task<int> DeleteAllAsync(TableClient table, string partition, List<string> rowKeys, CancellationToken cancellationToken)
    {
        if (rowKeys.Count == 0)
        {
            return 0;
        }

        try
        {
            await table.SubmitTransactionAsync(rowKeys.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k), ETag.All)), cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // Someone deleted one of them first (an erasure, a concurrent clear): delete the rest one by one.
            foreach (var rowKey in rowKeys)
            {
                await table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken);
            }
        }

        var deleted = rowKeys.Count;
        rowKeys.Clear();
        return deleted;
    }

    private static string PartitionRows(string tenantId, string roomId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {Partition(tenantId, roomId)} and RowKey gt {Prefix} and RowKey lt {Prefix[..^1] + ";"}");

    private static string ByAuthor(string tenantId, string userId) =>
        TableNames.TenantPartitions(tenantId) + " and " + TableClient.CreateQueryFilter($"RowKey gt {Prefix} and RowKey lt {Prefix[..^1] + ";"} and UserId eq {userId}");

    private static string Partition(string tenantId, string roomId) => TableNames.Scoped(tenantId, roomId);

    private static string Row(string messageId) => Prefix + messageId;

    string IUserDataEraser.Store => "chatMessages";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        EraseAuthorAsync(tenantId, userId, cancellationToken);

    string IUserDataExporter.Section => "chatMessages";

    async Task<object?> IUserDataExporter.ExportUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        await ListByAuthorAsync(tenantId, userId, cancellationToken);
}
