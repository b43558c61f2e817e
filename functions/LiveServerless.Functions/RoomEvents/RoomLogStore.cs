using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LiveServerless.Domain.Chat;
using LiveServerless.Functions.Http;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.UserData;
using LiveServerless.Functions.Rooms;

namespace LiveServerless.Functions.RoomEvents;

/// <summary>
/// Where a room's log stands: the last <see cref="Seq"/> written, the version of the room record the chat rules read
/// (<see cref="RoomVersion"/>, moved on whenever the room changes) and the storage ETag that guards both.
/// </summary>
public sealed record RoomHead(long Seq, long RoomVersion, string? ETag)
{
    public static readonly RoomHead Empty = new(0, 0, null);
}

/// <summary>
/// A room's log in Azure Tables, in the room's partition of the chat table (tenant:room) beside its messages and chat state:
/// the <c>head</c> row and one row per event, <c>e:{seq}</c>, oldest first. Appending writes the events, the rows they change
/// and the moved head as ONE entity-group transaction guarded by the head's ETag: two writers (two instances of the app) can
/// never take the same seq or leave a gap, and state and its event are never half written.
/// </summary>
public sealed class RoomLogStore(TableProvider tables) : IUserDataEraser, IRoomDataEraser
{
    private const string HeadRow = "head";

    private const string EventPrefix = "e:";

    /// <summary>Who an erased user becomes in the events that named them.</summary>
    public const string ErasedUserId = "erased-user";

    public async Task<RoomHead> ReadHeadAsync(string tenantId, string roomId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Chat, cancellationToken);
        var head = await table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, roomId), HeadRow, cancellationToken: cancellationToken);
        return head.HasValue ? ToHead(head.Value!, head.Value!.ETag.ToString()) : RoomHead.Empty;
    }

    /// <summary>
    /// Writes <paramref name="events"/> (numbered from <paramref name="expected"/>'s seq + 1) with <paramref name="rows"/>, all or
    /// nothing, only if the head is still <paramref name="expected"/>. Null: another writer moved the head first.
    /// </summary>
    public async Task<RoomHead?> TryAppendAsync(
        string tenantId, string roomId, RoomHead expected, bool roomChanged, IReadOnlyList<RoomEvent> events, IEnumerable<TableTransactionAction> rows,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Chat, cancellationToken);
        var partition = Partition(tenantId, roomId);
        var moved = new RoomHead(expected.Seq + events.Count, expected.RoomVersion + (roomChanged ? 1 : 0), null);
        var headEntity = HeadEntity(partition, moved);
        var headAction = expected.ETag is null
            ? new TableTransactionAction(TableTransactionActionType.Add, headEntity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, headEntity, new ETag(expected.ETag));
        try
        {
            var response = await table.SubmitTransactionAsync([headAction, .. events.Select(e => EventAction(partition, e)), .. rows], cancellationToken);
            return moved with { ETag = response.Value[0].Headers.ETag?.ToString() ?? (await ReadHeadAsync(tenantId, roomId, cancellationToken)).ETag };
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Moves the room version on (the room record changed), so every instance reads the room again before judging chat.</summary>
    public async Task TouchRoomAsync(string tenantId, string roomId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Chat, cancellationToken);
        var partition = Partition(tenantId, roomId);
        while (true)
        {
            var head = await ReadHeadAsync(tenantId, roomId, cancellationToken);
            var touched = HeadEntity(partition, head with { RoomVersion = head.RoomVersion + 1 });
            try
            {
                await (head.ETag is null
                    ? table.AddEntityAsync(touched, cancellationToken)
                    : table.UpdateEntityAsync(touched, new ETag(head.ETag), TableUpdateMode.Replace, cancellationToken));
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // A writer moved the head in between; touch the new one.
            }
        }
    }

    /// <summary>The events after <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<RoomEvent>> ReadAfterAsync(string tenantId, string roomId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Chat, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition(tenantId, roomId)} and RowKey gt {EventRow(afterSeq)} and RowKey lt {EventPrefix[..^1] + ";"}");
        var events = new List<RoomEvent>(limit);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            events.Add(ToEvent(entity));
            if (events.Count == limit)
            {
                break;
            }
        }

        return events;
    }

    /// <summary>
    /// Erasure: every event of the tenant's rooms that names the user keeps its seq (so no client ever sees a gap) but loses the
    /// user: their chat messages become deletions, a pin of their message an unpin, a moderation action on them names
    /// <see cref="ErasedUserId"/>. Idempotent.
    /// </summary>
    public async Task RedactUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Chat, cancellationToken);
        var filter = TableNames.TenantPartitions(tenantId) + " and " + TableClient.CreateQueryFilter(
            $"RowKey gt {EventPrefix} and RowKey lt {EventPrefix[..^1] + ";"} and UserId eq {userId}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var stored = ToEvent(entity);
            var roomId = entity.PartitionKey[(tenantId.Length + 1)..];
            var data = (JsonElement)stored.Data;
            var redacted = stored.Type switch
            {
                RoomEventTypes.ChatMessage => stored with { Type = RoomEventTypes.MessageDeleted, Data = new MessageDeletedEvent(roomId, data.GetProperty("id").GetString()!) },
                RoomEventTypes.Pinned => stored with { Data = new PinnedEvent(roomId, null, null) },
                RoomEventTypes.Moderation => stored with { Data = data.Deserialize<ModerationEvent>(ApiJson.Options)! with { UserId = ErasedUserId } },
                _ => stored,
            };
            await table.UpsertEntityAsync(EventEntity(entity.PartitionKey, redacted), TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Deletes the room's whole partition of the chat table: its log, messages and chat state (room delete); idempotent.</summary>
    public async Task DeleteRoomAsync(string tenantId, string roomId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Chat, cancellationToken);
        var partition = Partition(tenantId, roomId);
        var keys = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken);
        await foreach (var page in keys.AsPages())
        {
            foreach (var chunk in page.Values.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, e.RowKey), ETag.All)), cancellationToken);
            }
        }
    }

    public static string Partition(string tenantId, string roomId) => TableNames.Scoped(tenantId, roomId);

    private static string EventRow(long seq) => $"{EventPrefix}{seq:D19}";

    private static TableEntity HeadEntity(string partition, RoomHead head) =>
        new(partition, HeadRow) { ["Seq"] = head.Seq, ["RoomVersion"] = head.RoomVersion };

    private static RoomHead ToHead(TableEntity entity, string etag) =>
        new(entity.GetInt64("Seq") ?? 0, entity.GetInt64("RoomVersion") ?? 0, etag);

    private static TableTransactionAction EventAction(string partition, RoomEvent roomEvent) =>
        new(TableTransactionActionType.Add, EventEntity(partition, roomEvent));

    /// <summary>The event's data is stored as the JSON clients receive, so reading it back needs no knowledge of its type.</summary>
    private static TableEntity EventEntity(string partition, RoomEvent roomEvent)
    {
        var entity = new TableEntity(partition, EventRow(roomEvent.Seq))
        {
            ["Seq"] = roomEvent.Seq,
            ["Type"] = roomEvent.Type,
            ["At"] = roomEvent.At,
            ["Data"] = JsonSerializer.Serialize(roomEvent.Data, ApiJson.Options),
        };
        if (NamedUser(roomEvent.Data) is { } userId)
        {
            entity["UserId"] = userId;
        }

        return entity;
    }

    /// <summary>The user an event names (its author, the author of a pinned message, the target of a moderation action), for erasure.</summary>
    private static string? NamedUser(object data) => data switch
    {
        ChatMessage message => message.UserId,
        PinnedEvent { Message: { } pinned } => pinned.UserId,
        ModerationEvent { UserId: { } target } when target != ErasedUserId => target,
        _ => null,
    };

    private static RoomEvent ToEvent(TableEntity entity) => new(
        entity.GetInt64("Seq") ?? 0,
        entity.GetString("Type"),
        entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
        JsonDocument.Parse(entity.GetString("Data")).RootElement.Clone());

    string IUserDataEraser.Store => "roomEvents";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        RedactUserAsync(tenantId, userId, cancellationToken);

    Task IRoomDataEraser.DeleteRoomDataAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        DeleteRoomAsync(tenantId, roomId, cancellationToken);
}
