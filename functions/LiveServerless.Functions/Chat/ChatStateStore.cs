using Azure.Data.Tables;
using LiveServerless.Domain.Moderation;
using LiveServerless.Functions.Storage;

namespace LiveServerless.Functions.Chat;

public sealed record Ban(string UserId, DateTimeOffset Since, string By, string? Reason);

public sealed record Mute(string UserId, DateTimeOffset Until, string By, string? Reason);

public sealed record LastMessage(DateTimeOffset At);

/// <summary>
/// A room's chat state as small rows of one partition (tenant:room): <c>ban:{user}</c>, <c>mute:{user}</c>, <c>last:{user}</c>
/// and <c>pin</c>. Posting a message reads exactly the rows it needs with point reads.
/// </summary>
public sealed class ChatStateStore(TableProvider tables)
{
    private const string PinRow = "pin";

    private readonly DocumentTable<Ban> _bans = new(tables, TableNames.ChatState, "Ban");

    private readonly DocumentTable<Mute> _mutes = new(tables, TableNames.ChatState, "Mute");

    private readonly DocumentTable<LastMessage> _lastMessages = new(tables, TableNames.ChatState, "Last message");

    private readonly DocumentTable<PinnedMessage> _pins = new(tables, TableNames.ChatState, "Pin");

    public async Task<Ban?> GetBanAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        (await _bans.GetAsync(TableNames.Scoped(tenantId, roomId), $"ban:{userId}", cancellationToken))?.Value;

    public Task BanAsync(string tenantId, string roomId, Ban ban, CancellationToken cancellationToken) =>
        _bans.UpsertAsync(TableNames.Scoped(tenantId, roomId), $"ban:{ban.UserId}", ban, columns: null, cancellationToken);

    public Task UnbanAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        _bans.DeleteIfExistsAsync(TableNames.Scoped(tenantId, roomId), $"ban:{userId}", cancellationToken);

    public async Task<Mute?> GetMuteAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        (await _mutes.GetAsync(TableNames.Scoped(tenantId, roomId), $"mute:{userId}", cancellationToken))?.Value;

    public Task MuteAsync(string tenantId, string roomId, Mute mute, CancellationToken cancellationToken) =>
        _mutes.UpsertAsync(TableNames.Scoped(tenantId, roomId), $"mute:{mute.UserId}", mute, columns: null, cancellationToken);

    public Task UnmuteAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        _mutes.DeleteIfExistsAsync(TableNames.Scoped(tenantId, roomId), $"mute:{userId}", cancellationToken);

    public async Task<DateTimeOffset?> GetLastMessageAtAsync(string tenantId, string roomId, string userId, CancellationToken cancellationToken) =>
        (await _lastMessages.GetAsync(TableNames.Scoped(tenantId, roomId), $"last:{userId}", cancellationToken))?.Value.At;

    public Task SetLastMessageAtAsync(string tenantId, string roomId, string userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _lastMessages.UpsertAsync(TableNames.Scoped(tenantId, roomId), $"last:{userId}", new LastMessage(at), columns: null, cancellationToken);

    public async Task<PinnedMessage?> GetPinAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        (await _pins.GetAsync(TableNames.Scoped(tenantId, roomId), PinRow, cancellationToken))?.Value;

    public Task PinAsync(string tenantId, string roomId, PinnedMessage pin, CancellationToken cancellationToken) =>
        _pins.UpsertAsync(TableNames.Scoped(tenantId, roomId), PinRow, pin, columns: null, cancellationToken);

    public Task UnpinAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        _pins.DeleteIfExistsAsync(TableNames.Scoped(tenantId, roomId), PinRow, cancellationToken);

    /// <summary>Deletes the room's whole chat state (room delete); idempotent.</summary>
    public Task DeleteRoomAsync(string tenantId, string roomId, CancellationToken cancellationToken) =>
        _bans.DeletePartitionAsync(TableNames.Scoped(tenantId, roomId), cancellationToken);

    /// <summary>
    /// Forgets the user in every room of the tenant (erasure): their ban, mute and last-message rows, and a pin of a message they
    /// wrote. Idempotent.
    /// </summary>
    public async Task ForgetUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var rows = TableNames.TenantPartitions(tenantId) + " and " + TableClient.CreateQueryFilter(
            $"RowKey eq {"ban:" + userId} or RowKey eq {"mute:" + userId} or RowKey eq {"last:" + userId}");
        await foreach (var (partitionKey, rowKey) in _bans.ScanKeysAsync(rows, cancellationToken))
        {
            await _bans.DeleteIfExistsAsync(partitionKey, rowKey, cancellationToken);
        }

        var pins = TableNames.TenantPartitions(tenantId) + " and " + TableClient.CreateQueryFilter($"RowKey eq {PinRow}");
        await foreach (var pin in _pins.ScanWithKeysAsync(pins, cancellationToken))
        {
            if (pin.Document.Message.UserId == userId)
            {
                await _pins.DeleteIfExistsAsync(pin.PartitionKey, PinRow, cancellationToken);
            }
        }
    }
}
