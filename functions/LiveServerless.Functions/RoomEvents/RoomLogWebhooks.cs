using System.Globalization;
using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;
using LiveServerless.Domain.Webhooks;
using LiveServerless.Functions.Rooms;
using LiveServerless.Functions.Storage;
using LiveServerless.Functions.Webhooks;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.RoomEvents;

/// <summary>
/// <c>chat.message</c> and <c>moderation.action</c> come from the room log (issue 14): a committed log event is durable and has a
/// gap-free <c>seq</c> per room, so the webhook id is derived from (room, seq) and a room's events are recorded in seq order up to
/// a per-room cursor (<c>webhookcursors</c>). Two paths feed the outbox: <see cref="WebhookRoomLogObserver"/> right after each commit
/// (seconds), and <see cref="RoomLogWebhookSweeper"/> which reads every room's log past its cursor (so a commit whose process died
/// before the fast path recorded it is still delivered). Both may record the same event; its id makes the second add nothing.
/// </summary>
public sealed class RoomLogWebhooks(TableProvider tables, WebhookOutbox outbox, RoomLogStore log)
{
    /// <summary>Events read from one room's log per round.</summary>
    public const int PageSize = 500;

    private const string SeqColumn = "Seq";

    /// <summary>The webhook event of a room-log event, or null for the types partners are not told about (viewers, statistics).</summary>
    public static WebhookEvent? ToWebhookEvent(string tenantId, string roomId, RoomEvent roomEvent)
    {
        var type = roomEvent.Type switch
        {
            RoomEventTypes.ChatMessage => WebhookEventTypes.ChatMessage,
            RoomEventTypes.Moderation or RoomEventTypes.MessageDeleted or RoomEventTypes.Pinned => WebhookEventTypes.ModerationAction,
            _ => null,
        };
        return type is null
            ? null
            : WebhookEvent.Of(
                WebhookEvent.DeriveId(tenantId, "room-log", roomId, roomEvent.Seq.ToString(CultureInfo.InvariantCulture)), tenantId, type, roomEvent.At,
                new { roomId, seq = roomEvent.Seq, kind = roomEvent.Type, @event = roomEvent.Data });
    }

    /// <summary>Records the room's events (oldest first) and moves its cursor past them; the cursor never moves back.</summary>
    public async Task RecordAsync(string tenantId, string roomId, IReadOnlyList<RoomEvent> events, CancellationToken cancellationToken)
    {
        var webhookEvents = events.Select(e => ToWebhookEvent(tenantId, roomId, e)).OfType<WebhookEvent>().ToArray();
        if (webhookEvents.Length > 0)
        {
            await outbox.RecordAsync(webhookEvents, cancellationToken);
        }

        if (events.Count > 0)
        {
            await AdvanceCursorAsync(tenantId, roomId, events.Max(e => e.Seq), cancellationToken);
        }
    }

    /// <summary>Reads the room's log past its cursor and records it; returns how many log events it read.</summary>
    public async Task<int> CatchUpAsync(string tenantId, string roomId, CancellationToken cancellationToken)
    {
        var cursor = await CursorAsync(tenantId, roomId, cancellationToken);
        var head = await log.ReadHeadAsync(tenantId, roomId, cancellationToken);
        if (head.Seq <= cursor)
        {
            return 0;
        }

        var events = await log.ReadAfterAsync(tenantId, roomId, cursor, PageSize, cancellationToken);
        await RecordAsync(tenantId, roomId, events, cancellationToken);
        return events.Count;
    }

    private async Task<long> CursorAsync(string tenantId, string roomId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.WebhookCursors, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(tenantId, roomId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetInt64(SeqColumn) ?? 0 : 0;
    }

    private async Task AdvanceCursorAsync(string tenantId, string roomId, long seq, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.WebhookCursors, cancellationToken);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(tenantId, roomId, cancellationToken: cancellationToken);
            if (row.HasValue && (row.Value!.GetInt64(SeqColumn) ?? 0) >= seq)
            {
                return;
            }

            var entity = new TableEntity(tenantId, roomId) { [SeqColumn] = seq };
            try
            {
                if (row.HasValue)
                {
                    await table.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(entity, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another path moved the cursor meanwhile: read again; it only ever moves forward.
            }
        }
    }
}

/// <summary>The fast path: told of every room-log commit, it queues the commit's events and a background loop records them.</summary>
public sealed partial class WebhookRoomLogObserver(RoomLogWebhooks webhooks, ILogger<WebhookRoomLogObserver> logger)
    : Microsoft.Extensions.Hosting.BackgroundService, IRoomLogObserver
{
    /// <summary>Beyond this many queued commits new ones are left to the sweeper (the log has them).</summary>
    private const int Capacity = 10_000;

    private readonly Channel<RoomLogCommit> _commits = Channel.CreateBounded<RoomLogCommit>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Committed(RoomLogCommit commit)
    {
        if (commit.Events.Any(e => RoomLogWebhooks.ToWebhookEvent(commit.TenantId, commit.Room.Id, e) is not null))
        {
            _commits.Writer.TryWrite(commit);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var commit in _commits.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await webhooks.RecordAsync(commit.TenantId, commit.Room.Id, commit.Events, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The sweeper reads the room's log past its cursor and records what this missed.
                LogLeftToSweeper(exception, commit.Room.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhooks of a commit in room {RoomId} are left to the sweeper")]
    private partial void LogLeftToSweeper(Exception exception, string roomId);
}

/// <summary>
/// The durable path: every <see cref="Interval"/>, for each tenant that subscribes to room-log events, reads every room's log past
/// its webhook cursor and records what it finds. On every instance; cursors only move forward and events have fixed ids, so
/// overlapping sweeps are harmless.
/// </summary>
public sealed class RoomLogWebhookSweeper(
    WebhookSubscriptionStore subscriptions, RoomStore rooms, RoomLogWebhooks webhooks, TimeProvider time, ILogger<RoomLogWebhookSweeper> logger)
    : PeriodicWorker(time, logger)
{
    private static readonly string[] RoomLogTypes = [WebhookEventTypes.ChatMessage, WebhookEventTypes.ModerationAction];

    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var tenantId in await subscriptions.TenantsSubscribedToAsync(RoomLogTypes, cancellationToken))
        {
            await foreach (var roomId in rooms.IdsAsync(tenantId, cancellationToken))
            {
                await webhooks.CatchUpAsync(tenantId, roomId, cancellationToken);
            }
        }
    }
}
