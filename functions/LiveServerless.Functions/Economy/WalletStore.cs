using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Economy;
using LiveServerless.Domain.Interactions;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.UserData;

namespace LiveServerless.Functions.Economy;

/// <summary>
/// Coin wallets in Azure Tables, one partition per user (tenant:user) holding:
/// <list type="bullet">
/// <item><c>wallet</c>: the balances and the earnings watermarks;</item>
/// <item><c>ref:{hash}</c>: one row per credit reference, and <c>gift:{eventId}</c>: one per gift sent — the idempotency records;</item>
/// <item><c>s:{newest-first time}:{id}</c>: the statement.</item>
/// </list>
/// Every change writes the wallet row (ETag-guarded) and its rows in one entity-group transaction: a credit, a debit or an earning
/// is either wholly there — balance, idempotency record and statement line — or not at all. A lost race re-reads and decides again.
/// </summary>
public sealed class WalletStore(TableProvider tables) : IUserDataEraser, IUserDataExporter
{
    public const int MaxGiftEventsPerDebit = 40;

    /// <summary>What an erased user's id becomes on other people's statement lines.</summary>
    public const string ErasedUserId = "erased-user";

    private const string WalletRow = "wallet";

    private const string ErasedToRow = "erased-to";

    private const string DestinationColumn = "Destination";

    private const string StatementPrefix = "s:";

    private const int MaxAttempts = 10;

    /// <summary>An entity-group transaction holds at most 100 operations; one is the wallet row.</summary>
    private const int MaxRowsPerTransaction = 99;

    private readonly DocumentTable<Wallet> _wallets = new(tables, TableNames.Wallets, "Wallet");

    private readonly DocumentTable<StatementEntry> _entries = new(tables, TableNames.Wallets, "Statement entry");

    public async Task<Wallet> GetAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        (await _wallets.GetAsync(Partition(tenantId, userId), WalletRow, cancellationToken))?.Value ?? Wallet.Empty;

    /// <summary>The statement, newest first.</summary>
    public async Task<Domain.Common.Page<StatementEntry>> StatementAsync(string tenantId, string userId, PageRequest page, CancellationToken cancellationToken)
    {
        var rows = TableClient.CreateQueryFilter($"RowKey ge {StatementPrefix} and RowKey lt {"s;"}");
        return (await _entries.QueryAsync(Partition(tenantId, userId), rows, page, cancellationToken)).Map(e => e.Value);
    }

    /// <summary>
    /// Credits <paramref name="amount"/> once per <paramref name="reference"/>. A repeated reference with the same amount returns the first
    /// credit (Created = false); with another amount it is a conflict.
    /// </summary>
    public async Task<(StatementEntry Entry, Wallet Wallet, bool Created)> CreditAsync(
        string tenantId, string userId, long amount, string reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = Partition(tenantId, userId);
        var referenceRow = "ref:" + Hash(reference);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var walletRead = _wallets.GetAsync(partition, WalletRow, cancellationToken);
            var previous = await _entries.GetAsync(partition, referenceRow, cancellationToken);
            var stored = await walletRead;
            if (previous is not null)
            {
                return previous.Value.Coins == amount
                    ? (previous.Value, stored?.Value ?? Wallet.Empty, false)
                    : throw new ConflictException($"Reference '{reference}' already credited {previous.Value.Coins} coins; a reference credits once.");
            }

            var entry = new StatementEntry(StatementKind.Credit, amount, 0m, reference, now);
            var wallet = (stored?.Value ?? Wallet.Empty).Credit(amount, now);
            if (await TrySubmitAsync(partition, stored, wallet, [Add(partition, referenceRow, entry), Add(partition, StatementRow(now, referenceRow), entry)], cancellationToken))
            {
                return (entry, wallet, true);
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        throw new ConcurrencyExhaustedException("wallet");
    }

    /// <summary>
    /// Debits the sender for <paramref name="gifts"/> (accepted gift events of one user) and records each as a statement line, in one
    /// transaction; gifts already debited (a client retry with the same idempotency keys) are not debited again. Returns the wallet
    /// after it and how many coins this call took. Throws
    /// <see cref="InsufficientFundsException"/>, changing nothing, when the balance is short.
    /// </summary>
    public async Task<(Wallet Wallet, long Debited)> DebitAsync(
        string tenantId, string userId, IReadOnlyList<Interaction> gifts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = Partition(tenantId, userId);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var walletRead = _wallets.GetAsync(partition, WalletRow, cancellationToken);
            var debited = await DebitedAsync(partition, gifts, cancellationToken);
            var stored = await walletRead;
            var due = gifts.Where(g => !debited.ContainsKey(g.Id)).ToArray();
            if (due.Length == 0)
            {
                return (stored?.Value ?? Wallet.Empty, 0);
            }

            var wallet = (stored?.Value ?? Wallet.Empty).Debit(Cost(due), now);
            var rows = due.SelectMany(g => SentRows(partition, g, now));
            if (await TrySubmitAsync(partition, stored, wallet, rows, cancellationToken))
            {
                return (wallet, Cost(due));
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        throw new ConcurrencyExhaustedException("wallet");
    }

    /// <summary>True when a credit with <paramref name="reference"/> is in the wallet (what the webhook relay asks of a credit's intent).</summary>
    public async Task<bool> IsCreditedAsync(string tenantId, string userId, string reference, CancellationToken cancellationToken) =>
        await _entries.GetAsync(Partition(tenantId, userId), "ref:" + Hash(reference), cancellationToken) is not null;

    /// <summary>True when the gift event was debited from its sender (and not refunded).</summary>
    public async Task<bool> IsDebitedAsync(string tenantId, string userId, string eventId, CancellationToken cancellationToken) =>
        await _entries.GetAsync(Partition(tenantId, userId), GiftRow(eventId), cancellationToken) is not null;

    /// <summary>
    /// Adds the host's share of gifts received (stream events, in stream order) that the wallet has not counted yet, each with a
    /// statement line. The wallet's watermarks and the lines are written together, so a replayed batch adds nothing.
    /// </summary>
    public async Task EarnAsync(string tenantId, string hostUserId, IReadOnlyList<StreamedInteraction> gifts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = Partition(tenantId, hostUserId);
        foreach (var chunk in gifts.Chunk(MaxRowsPerTransaction))
        {
            await EarnChunkAsync(partition, chunk, now, cancellationToken);
        }
    }

    /// <summary>Every statement line of the wallet, newest first (privacy exports).</summary>
    public async Task<IReadOnlyList<StatementEntry>> FullStatementAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(tenantId, userId)} and RowKey ge {StatementPrefix} and RowKey lt {"s;"}");
        var entries = new List<StatementEntry>();
        await foreach (var entry in _entries.ScanAsync(filter, cancellationToken))
        {
            entries.Add(entry.Value);
        }

        return entries;
    }

    /// <summary>
    /// Erases the person from the money records while the partner keeps its books: the user's wallet rows move to an anonymous
    /// partition (<c>tenant:erased-{random}</c>, amounts, references and times intact), and every other wallet's statement lines that name
    /// the user as counterparty name <see cref="ErasedUserId"/> instead. Idempotent and resumable: the destination is recorded in the
    /// source partition first, so a retry continues the same move; a re-created user of the same id starts with an empty wallet.
    /// </summary>
    public async Task EraseAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Wallets, cancellationToken);
        var source = Partition(tenantId, userId);
        var marker = await table.GetEntityIfExistsAsync<TableEntity>(source, ErasedToRow, cancellationToken: cancellationToken);
        var destination = marker.HasValue ? marker.Value!.GetString(DestinationColumn) : $"{tenantId}:erased-{Guid.NewGuid():N}";
        if (!marker.HasValue)
        {
            await table.UpsertEntityAsync(new TableEntity(source, ErasedToRow) { [DestinationColumn] = destination }, TableUpdateMode.Replace, cancellationToken);
        }

        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {source}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == ErasedToRow)
            {
                continue;
            }

            await table.UpsertEntityAsync(new TableEntity(row) { PartitionKey = destination }, TableUpdateMode.Replace, cancellationToken);
            await table.DeleteEntityAsync(source, row.RowKey, ETag.All, cancellationToken);
        }

        await AnonymiseCounterpartyAsync(table, tenantId, userId, cancellationToken);
        await table.DeleteEntityAsync(source, ErasedToRow, ETag.All, cancellationToken);
    }

    private static async Task AnonymiseCounterpartyAsync(TableClient table, string tenantId, string userId, CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(TableNames.TenantPartitions(tenantId), cancellationToken: cancellationToken))
        {
            if (!row.RowKey.StartsWith(StatementPrefix, StringComparison.Ordinal) && !row.RowKey.StartsWith("gift:", StringComparison.Ordinal))
            {
                continue;
            }

            var entry = DocumentTable<StatementEntry>.FromEntity(row).Value;
            if (entry.CounterpartyUserId == userId)
            {
                var anonymised = DocumentTable<StatementEntry>.ToEntity(row.PartitionKey, row.RowKey, entry with { CounterpartyUserId = ErasedUserId }, columns: null);
                await table.UpdateEntityAsync(anonymised, row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
        }
    }

    private async Task EarnChunkAsync(string partition, IReadOnlyList<StreamedInteraction> gifts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await _wallets.GetAsync(partition, WalletRow, cancellationToken);
            var before = stored?.Value ?? Wallet.Empty;
            var unapplied = before.EarningsApplied.Unapplied(gifts).ToArray();
            if (unapplied.Length == 0)
            {
                return;
            }

            var wallet = before.Earn(unapplied, now);
            var rows = unapplied.Select(g => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                DocumentTable<StatementEntry>.ToEntity(partition, StatementRow(g.Interaction.OccurredAt, GiftRow(g.Interaction.Id)), Received(g.Interaction), columns: null)));
            if (await TrySubmitAsync(partition, stored, wallet, rows, cancellationToken))
            {
                return;
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        throw new ConcurrencyExhaustedException("wallet");
    }

    /// <summary>A lost race means others are writing the same wallet right now: wait a little, longer each time, before reading again.</summary>
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10 * attempt)), cancellationToken);

    private async Task<Dictionary<string, StatementEntry>> DebitedAsync(string partition, IReadOnlyList<Interaction> gifts, CancellationToken cancellationToken)
    {
        var reads = gifts.Select(async g => (g.Id, Entry: await _entries.GetAsync(partition, GiftRow(g.Id), cancellationToken)));
        return (await Task.WhenAll(reads)).Where(r => r.Entry is not null).ToDictionary(r => r.Id, r => r.Entry!.Value, StringComparer.Ordinal);
    }

    /// <summary>Writes the wallet row over the version it was read at, with <paramref name="rows"/>, all or nothing. False: lost a race.</summary>
    private async Task<bool> TrySubmitAsync(
        string partition, Versioned<Wallet>? stored, Wallet wallet, IEnumerable<TableTransactionAction> rows, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Wallets, cancellationToken);
        var walletEntity = DocumentTable<Wallet>.ToEntity(partition, WalletRow, wallet, columns: null);
        var walletAction = stored is null
            ? new TableTransactionAction(TableTransactionActionType.Add, walletEntity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, walletEntity, new ETag(stored.ETag));
        try
        {
            await table.SubmitTransactionAsync([walletAction, .. rows], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private static IEnumerable<TableTransactionAction> SentRows(string partition, Interaction gift, DateTimeOffset now)
    {
        var entry = new StatementEntry(StatementKind.GiftSent, -(long)gift.GiftValue, 0m, gift.Id, now, gift.GiftId, gift.Count, gift.RoomId, gift.HostUserId);
        return [Add(partition, GiftRow(gift.Id), entry), Add(partition, StatementRow(now, GiftRow(gift.Id)), entry)];
    }

    private static StatementEntry Received(Interaction gift) => new(
        StatementKind.GiftReceived, 0, Earnings.HostShareOf(gift), gift.Id, gift.OccurredAt, gift.GiftId, gift.Count, gift.RoomId, gift.UserId);

    private static TableTransactionAction Add(string partition, string row, StatementEntry entry) =>
        new(TableTransactionActionType.Add, DocumentTable<StatementEntry>.ToEntity(partition, row, entry, columns: null));

    private static long Cost(IEnumerable<Interaction> gifts) => (long)gifts.Sum(g => g.GiftValue);

    private static string Partition(string tenantId, string userId) => TableNames.Scoped(tenantId, userId);

    private static string GiftRow(string eventId) => "gift:" + eventId;

    /// <summary>Newest first: the row key starts with the time subtracted from the largest time, zero-padded.</summary>
    private static string StatementRow(DateTimeOffset at, string id) =>
        StatementPrefix + (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + ":" + id;

    /// <summary>References are the partner's free text; row keys admit only some characters, so the key holds a hash of it.</summary>
    private static string Hash(string reference) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference)))[..40];

    string IUserDataEraser.Store => "wallet";

    Task IUserDataEraser.EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        EraseAsync(tenantId, userId, cancellationToken);

    string IUserDataExporter.Section => "wallet";

    async Task<object?> IUserDataExporter.ExportUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var wallet = GetAsync(tenantId, userId, cancellationToken);
        var statement = FullStatementAsync(tenantId, userId, cancellationToken);
        await Task.WhenAll(wallet, statement);
        var coins = await wallet;
        return new ExportedWallet(coins.Balance, coins.Earnings, coins.Credited, coins.Spent, await statement);
    }
}

/// <summary>Writers kept colliding on one object; the request can be retried (answered 503 with Retry-After).</summary>
public sealed class ConcurrencyExhaustedException(string what) : TimeoutException($"Too many concurrent changes to the {what}; try again.");
