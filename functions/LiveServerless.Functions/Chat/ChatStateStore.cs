using Azure;
using Azure.Data.Tables;
using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Moderation;
using LiveServerless.Functions.RoomEvents;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Chat;

public sealed record Ban(string UserId, DateTimeOffset Since, string By, string? Reason);

public sealed record Mute(string UserId, DateTimeOffset Until, string By, string? Reason);

public sealed record LastMessage(DateTimeOffset At);

/// <summary>
/// A room's chat state as small rows of its partition in the chat table (tenant:room), beside the room's log and messages:
/// <c>ban:{user}</c>, <c>mute:{user}</c>, <c>last:{user}</c> and <c>pin</c>. They are written only together with the room event
/// that changes them (see <see cref="RoomEvents.RoomLogWriter"/>), as rows of the same transaction; a lifted ban, mute or pin is a
/// row marked <c>Lifted</c> rather than a deletion, so writing it can never fail the transaction it is part of.
/// </summary>
public sealed class ChatStateStore(TableProvider tables) : IRoomChatState
{
    private const string PinRow = "pin";

    private const string LiftedColumn = "Lifted";

    private readonly DocumentTable<Ban> _bans = new(tables, TableNames.Chat, "Ban");

    private readonly DocumentTable<Mute> _mutes = new(tables, TableNames.Chat, "Mute");

    private readonly DocumentTable<LastMessage> _lastMessages = new(tables, TableNames.Chat, "Last message");

    private readonly DocumentTable<PinnedMessage> _pins = new(tables, TableNames.Chat, "Pin");

    public async Task<Ban?> GetBanAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        await GetLiveAsync(_bans, tenantId, roomId, BanRow(userId), cancellationToken);

    public async Task<bool> IsBannedAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        await GetBanAsync(tenantId, roomId, userId, cancellationToken) is not null;

    public async Task<PinnedMessage?> GetPinAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        await GetLiveAsync(_pins, tenantId, roomId, PinRow, cancellationToken);

    /// <summary>Every ban and mute in the room (two range reads of its partition): what the chat rules know of everyone from the start.</summary>
    public async Task<IReadOnlyDictionary<string, Chatter>> ListModeratedAsync(string tenantId, string roomId, CancellationToken cancellationToken)
    {
        var bans = LiveRowsAsync(_bans, tenantId, roomId, "ban:", cancellationToken);
        var mutes = LiveRowsAsync(_mutes, tenantId, roomId, "mute:", cancellationToken);
        await Task.WhenAll(bans, mutes);
        var chatters = new Dictionary<string, Chatter>(StringComparer.Ordinal);
        foreach (var ban in await bans)
        {
            chatters[ban.UserId] = Chatter.Unknown with { BannedSince = ban.Since };
        }

        foreach (var mute in await mutes)
        {
            chatters[mute.UserId] = chatters.GetValueOrDefault(mute.UserId, Chatter.Unknown) with { MutedUntil = mute.Until };
        }

        return chatters;
    }

    /// <summary>When the user last wrote in the room, as far as slow mode counted it.</summary>
    public async Task<DateTimeOffset?> GetLastMessageAtAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        (await GetLiveAsync(_lastMessages, tenantId, roomId, LastRow(userId), cancellationToken))?.At;

    public static TableTransactionAction Banning(string tenantId, string roomId, Ban ban) => Put(tenantId, roomId, BanRow(ban.UserId), ban);

    public static TableTransactionAction Unbanning(string tenantId, string roomId, string userId) => Lift(tenantId, roomId, BanRow(userId));

    public static TableTransactionAction Muting(string tenantId, string roomId, Mute mute) => Put(tenantId, roomId, MuteRow(mute.UserId), mute);

    public static TableTransactionAction Unmuting(string tenantId, string roomId, string userId) => Lift(tenantId, roomId, MuteRow(userId));

    public static TableTransactionAction Pinning(string tenantId, string roomId, PinnedMessage pin) => Put(tenantId, roomId, PinRow, pin);

    public static TableTransactionAction Unpinning(string tenantId, string roomId) => Lift(tenantId, roomId, PinRow);

    /// <summary>Slow mode counts from a sender's last message in the room (written while slow mode is on).</summary>
    public static TableTransactionAction LastMessageAt(string tenantId, string roomId, string userId, DateTimeOffset at) =>
        Put(tenantId, roomId, LastRow(userId), new LastMessage(at));

    /// <summary>
    /// Forgets the user in every room of the tenant (erasure): their ban, mute and last-message rows, and a pin of a message they
    /// wrote. Idempotent. Returns the rooms whose state changed (their log must be told: chat rules are judged on cached state).
    /// </summary>
    public async Task<IReadOnlyCollection<string>> ForgetUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var rows = TableNames.TenantPartitions(tenantId) + " and " + TableClient.CreateQueryFilter(
            $"RowKey eq {BanRow(userId)} or RowKey eq {MuteRow(userId)} or RowKey eq {LastRow(userId)}");
        await foreach (var (partitionKey, rowKey) in _bans.ScanKeysAsync(rows, cancellationToken))
        {
            await _bans.DeleteIfExistsAsync(partitionKey, rowKey, cancellationToken);
            changed.Add(partitionKey[(tenantId.Length + 1)..]);
        }

        var pins = TableNames.TenantPartitions(tenantId) + " and " + TableClient.CreateQueryFilter($"RowKey eq {PinRow}");
        await foreach (var pin in _pins.ScanEntitiesAsync(pins, cancellationToken))
        {
            if (LiveOrNull<PinnedMessage>(pin)?.Message.UserId == userId)
            {
                await _pins.DeleteIfExistsAsync(pin.PartitionKey, PinRow, cancellationToken);
            }
        }

        return changed;
    }

    private static async Task<T?> GetLiveAsync<T>(DocumentTable<T> rows, string tenantId, string roomId, string rowKey, CancellationToken cancellationToken)
        where T : class
    {
        var stored = await rows.GetEntityAsync(TableNames.Scoped(tenantId, roomId), rowKey, cancellationToken);
        return stored is null ? null : LiveOrNull<T>(stored);
    }

    private static async Task<IReadOnlyList<T>> LiveRowsAsync<T>(DocumentTable<T> rows, string tenantId, string roomId, string prefix, CancellationToken cancellationToken)
        where T : class
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableNames.Scoped(tenantId, roomId)} and RowKey gt {prefix} and RowKey lt {prefix[..^1] + ";"}");
        var live = new List<T>();
        await foreach (var entity in rows.ScanEntitiesAsync(filter, cancellationToken))
        {
            if (LiveOrNull<T>(entity) is { } row)
            {
                live.Add(row);
            }
        }

        return live;
    }

    private static T? LiveOrNull<T>(TableEntity stored)
        where T : class =>
        stored.GetBoolean(LiftedColumn) == true ? null : DocumentTable<T>.FromEntity(stored).Value;

    private static TableTransactionAction Put<T>(string tenantId, string roomId, string rowKey, T document)
        where T : class =>
        new(TableTransactionActionType.UpsertReplace, DocumentTable<T>.ToEntity(TableNames.Scoped(tenantId, roomId), rowKey, document, columns: null));

    private static TableTransactionAction Lift(string tenantId, string roomId, string rowKey) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(TableNames.Scoped(tenantId, roomId), rowKey) { [LiftedColumn] = true }, ETag.All);

    private static string BanRow(string userId) => "ban:" + userId;

    private static string MuteRow(string userId) => "mute:" + userId;

    private static string LastRow(string userId) => "last:" + userId;
}
