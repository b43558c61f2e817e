using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using LiveServerless.Domain.Chat;
using LiveServerless.Domain.Common;
using LiveServerless.Domain.Rooms;
using LiveServerless.Functions.Economy;
using LiveServerless.Functions.Http;
using LiveServerless.Functions.Realtime;
using LiveServerless.Functions.Resilience;
using LiveServerless.Functions.Rooms;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.RoomEvents;

/// <summary>What one commit added to a room's log, for what follows a commit (the batched push, the stream count).</summary>
public sealed record RoomLogCommit(string TenantId, Room Room, IReadOnlyList<RoomEvent> Events);

/// <summary>Told of every commit after it is durable; must return at once (queue, or start work it does not wait for).</summary>
public interface IRoomLogObserver
{
    void Committed(RoomLogCommit commit);
}

/// <summary>
/// The one way anything is added to a room's order of events. Each instance keeps one lane per room: entries queue there and are
/// committed in groups — while one transaction is in flight the next group gathers, so a busy room costs one storage round trip
/// per group, not per message, and a quiet one waits for nothing. The lane also keeps the room's chat state (the room, every ban
/// and mute, and under slow mode the senders' last message times) as of the head it last wrote or read; it is trusted only as far as the head's ETag: when another
/// instance wrote first the transaction fails as a whole, the lane replays the events it missed and decides the group again. So
/// chat rules hold exactly across any number of instances, and every refusal was judged on the current state.
/// </summary>
public sealed partial class RoomLogWriter(
    RoomLogStore log, RoomStore rooms, IRoomChatState chatState, IEnumerable<IRoomLogObserver> observers, TimeProvider time, ILogger<RoomLogWriter> logger) : IRoomChangeListener
{
    /// <summary>A chat post writes three rows (event, message, last-message time) and a transaction holds at most 100.</summary>
    private const int MaxEntriesPerCommit = 32;

    private const int MaxAttempts = 10;

    /// <summary>When more events than this were written elsewhere, starting over from storage is cheaper than replaying them.</summary>
    private const int MaxReplay = 500;

    private const int MaxChatters = 10_000;

    private const int MaxLanes = 4_096;

    /// <summary>A lane starts over from storage at least this often, in case a change was not announced (a crash in between).</summary>
    private static readonly TimeSpan RoomLifetime = TimeSpan.FromSeconds(30);

    /// <summary>The most one commit (with its retries) may take before its entries fail with 503.</summary>
    private static readonly TimeSpan CommitBudget = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(string TenantId, string RoomId), Lane> _lanes = new();

    private readonly IRoomLogObserver[] _observers = [.. observers];

    /// <summary>Appends <paramref name="entry"/> to the room's log and returns its event; throws the entry's refusal.</summary>
    public Task<RoomEvent> AppendAsync(string tenantId, string roomId, RoomLogEntry entry, CancellationToken cancellationToken)
    {
        var lane = _lanes.GetOrAdd((tenantId, roomId), key => new Lane(key.TenantId, key.RoomId));
        bool start;
        lock (lane)
        {
            lane.Queue.Enqueue(entry);
            lane.LastUsed = time.GetUtcNow();
            start = !lane.Draining;
            lane.Draining = true;
        }

        if (start)
        {
            TrimIdleLanes();
            _ = Task.Run(() => DrainAsync(lane), CancellationToken.None);
        }

        return entry.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Appends an event nothing depends on (a viewer count, statistics): false, logged, when it could not be written.</summary>
    public async Task<bool> TryAppendAsync(string tenantId, string roomId, string type, object data, CancellationToken cancellationToken)
    {
        try
        {
            await AppendAsync(tenantId, roomId, new PlainRoomEntry(type, data), cancellationToken);
            return true;
        }
        catch (Exception exception) when (FailureClassifier.Classify(exception, cancellationToken) != FailureKind.Cancelled)
        {
            LogAppendFailed(exception, type, roomId, FailureClassifier.Classify(exception, cancellationToken));
            return false;
        }
    }

    /// <summary>
    /// The room record (or a chatter's state outside the log, e.g. an erasure) changed: every lane of the room, here and on other
    /// instances, starts over from storage before judging chat.
    /// </summary>
    public async Task RoomChangedAsync(string tenantId, string roomId, CancellationToken cancellationToken)
    {
        await log.TouchRoomAsync(tenantId, roomId, cancellationToken);
        if (_lanes.TryGetValue((tenantId, roomId), out var lane))
        {
            lane.RoomStale = true;
        }
    }

    private async Task DrainAsync(Lane lane)
    {
        while (true)
        {
            List<RoomLogEntry> group;
            lock (lane)
            {
                if (lane.Queue.Count == 0)
                {
                    lane.Draining = false;
                    return;
                }

                group = [];
                while (group.Count < MaxEntriesPerCommit && lane.Queue.TryDequeue(out var entry))
                {
                    group.Add(entry);
                }
            }

            using var budget = new CancellationTokenSource(CommitBudget, time);
            try
            {
                await CommitAsync(lane, group, budget.Token);
            }
            catch (Exception exception)
            {
                lane.State = null;
                var failure = budget.IsCancellationRequested ? new TimeoutException("The room's log did not answer in time; try again.", exception) : exception;
                foreach (var entry in group)
                {
                    entry.Completion.TrySetException(failure);
                }
            }
        }
    }

    private async Task CommitAsync(Lane lane, List<RoomLogEntry> group, CancellationToken cancellationToken)
    {
        var pending = new List<RoomLogEntry>(group);
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            if (attempt > MaxAttempts)
            {
                throw new ConcurrencyExhaustedException("room");
            }

            var state = await CurrentStateAsync(lane, pending, cancellationToken);
            await Task.WhenAll(pending.Select(e => e.PrepareAsync(state, cancellationToken)));
            var decision = Decide(state, lane.Head.Seq, pending, time.GetUtcNow());
            if (await ChargeAsync(decision.Accepted, pending, cancellationToken))
            {
                continue;
            }

            if (decision.Accepted.Count == 0)
            {
                var head = await log.ReadHeadAsync(lane.TenantId, lane.RoomId, cancellationToken);
                if (head.ETag == lane.Head.ETag)
                {
                    Complete(decision);
                    return;
                }

                await CatchUpAsync(lane, head, cancellationToken);
                continue;
            }

            var events = decision.Accepted.Select(a => a.Event).ToArray();
            var changesRoom = decision.Accepted.Any(a => a.Entry.ChangesRoom);
            var rows = decision.Accepted.SelectMany(a => a.Rows).GroupBy(r => r.Entity.RowKey, StringComparer.Ordinal).Select(g => g.Last());
            var moved = await log.TryAppendAsync(lane.TenantId, lane.RoomId, lane.Head, changesRoom, events, rows, cancellationToken);
            if (moved is null)
            {
                await CatchUpAsync(lane, await log.ReadHeadAsync(lane.TenantId, lane.RoomId, cancellationToken), cancellationToken);
                continue;
            }

            decision.State.MergeInto(state);
            lane.Head = moved;
            lane.RoomStale |= changesRoom;
            Complete(decision);
            Notify(new RoomLogCommit(lane.TenantId, state.Room, events));
            return;
        }
    }

    /// <summary>Decides the pending entries in order on a fork of the state, each seeing the ones accepted before it.</summary>
    private static Decision Decide(RoomChatState state, long headSeq, List<RoomLogEntry> pending, DateTimeOffset now)
    {
        var fork = state.Fork();
        var accepted = new List<(RoomLogEntry Entry, RoomEvent Event, IReadOnlyList<TableTransactionAction> Rows)>();
        var refused = new List<(RoomLogEntry Entry, Exception Refusal)>();
        var seq = headSeq;
        foreach (var entry in pending)
        {
            try
            {
                var decided = entry.Decide(fork, seq + 1, now);
                var roomEvent = new RoomEvent(++seq, decided.Type, now, decided.Data);
                Replay(fork, roomEvent);
                accepted.Add((entry, roomEvent, decided.Rows));
            }
            catch (DomainException refusal)
            {
                refused.Add((entry, refusal));
            }
        }

        return new Decision(fork, accepted, refused);
    }

    /// <summary>Charges accepted entries not charged yet; true when one was refused (the rest are decided again without it).</summary>
    private static async Task<bool> ChargeAsync(
        IReadOnlyList<(RoomLogEntry Entry, RoomEvent Event, IReadOnlyList<TableTransactionAction> Rows)> accepted, List<RoomLogEntry> pending,
        CancellationToken cancellationToken)
    {
        var refusals = await Task.WhenAll(accepted.Where(a => !a.Entry.Charged).Select(async a =>
        {
            try
            {
                await a.Entry.ChargeAsync(cancellationToken);
                a.Entry.Charged = true;
                return null;
            }
            catch (DomainException refusal)
            {
                a.Entry.Completion.TrySetException(refusal);
                return a.Entry;
            }
        }));
        var refused = refusals.OfType<RoomLogEntry>().ToHashSet();
        pending.RemoveAll(refused.Contains);
        return refused.Count > 0;
    }

    private static void Complete(Decision decision)
    {
        foreach (var (entry, roomEvent, _) in decision.Accepted)
        {
            entry.Completion.TrySetResult(roomEvent);
        }

        foreach (var (entry, refusal) in decision.Refused)
        {
            entry.Completion.TrySetException(refusal);
        }
    }

    /// <summary>The lane's state, loaded or refreshed as needed, knowing every chatter the pending entries need.</summary>
    private async Task<RoomChatState> CurrentStateAsync(Lane lane, List<RoomLogEntry> pending, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (lane.State is null || lane.RoomStale || now - lane.LoadedAt > RoomLifetime || lane.State.ChatterCount > MaxChatters)
        {
            lane.RoomStale = false;
            lane.Head = await log.ReadHeadAsync(lane.TenantId, lane.RoomId, cancellationToken);
            var room = ReadRoomAsync(lane, cancellationToken);
            var moderated = chatState.ListModeratedAsync(lane.TenantId, lane.RoomId, cancellationToken);
            await Task.WhenAll(room, moderated);
            lane.State = new RoomChatState(await room, await moderated);
            lane.LoadedAt = now;
        }

        var state = lane.State;
        var unknown = pending.Select(e => e.ChatterId).OfType<string>().Where(state.NeedsLastMessageOf).Distinct(StringComparer.Ordinal).ToArray();
        var lastMessages = await Task.WhenAll(unknown.Select(id => chatState.GetLastMessageAtAsync(lane.TenantId, lane.RoomId, id, cancellationToken)));
        for (var i = 0; i < unknown.Length; i++)
        {
            state.RememberLastMessage(unknown[i], lastMessages[i]);
        }

        return state;
    }

    private async Task<Room> ReadRoomAsync(Lane lane, CancellationToken cancellationToken) =>
        (await rooms.GetRequiredAsync(lane.TenantId, lane.RoomId, cancellationToken)).Value;

    /// <summary>Brings the lane from its head to <paramref name="head"/> by replaying the events written elsewhere.</summary>
    private async Task CatchUpAsync(Lane lane, RoomHead head, CancellationToken cancellationToken)
    {
        var state = lane.State;
        if (state is null || head.Seq < lane.Head.Seq || head.ETag is null)
        {
            lane.State = null;
            return;
        }

        if (head.RoomVersion != lane.Head.RoomVersion)
        {
            lane.State = null;
            return;
        }

        if (head.Seq - lane.Head.Seq > MaxReplay)
        {
            lane.State = null;
            return;
        }

        foreach (var missed in await log.ReadAfterAsync(lane.TenantId, lane.RoomId, lane.Head.Seq, (int)(head.Seq - lane.Head.Seq), cancellationToken))
        {
            Replay(state, missed);
        }

        lane.Head = head;
    }

    /// <summary>What an event changes in the chat rules' view: a message (slow mode) or a mute/ban and their lifting.</summary>
    private static void Replay(RoomChatState state, RoomEvent roomEvent)
    {
        switch (roomEvent.Type)
        {
            case RoomEventTypes.ChatMessage:
                var message = DataAs<ChatMessage>(roomEvent);
                state.Spoke(message.UserId, message.SentAt);
                break;
            case RoomEventTypes.Moderation:
                var action = DataAs<ModerationEvent>(roomEvent);
                state.Moderated(action.Action, action.UserId, roomEvent.At, action.Until);
                break;
        }
    }

    private static T DataAs<T>(RoomEvent roomEvent) =>
        roomEvent.Data is T typed ? typed : ((JsonElement)roomEvent.Data).Deserialize<T>(ApiJson.Options)!;

    private void Notify(RoomLogCommit commit)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.Committed(commit);
            }
            catch (Exception exception)
            {
                LogObserverFailed(exception, observer.GetType().Name, commit.Room.Id);
            }
        }
    }

    /// <summary>Lanes of rooms nobody wrote to for a while are dropped (their state is read again when needed).</summary>
    private void TrimIdleLanes()
    {
        if (_lanes.Count <= MaxLanes)
        {
            return;
        }

        var idleSince = time.GetUtcNow() - TimeSpan.FromMinutes(5);
        foreach (var (key, lane) in _lanes)
        {
            lock (lane)
            {
                if (!lane.Draining && lane.LastUsed < idleSince)
                {
                    _lanes.TryRemove(new KeyValuePair<(string, string), Lane>(key, lane));
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not add a {Type} event to room {RoomId} ({Kind}); clients read the current value when they next load the room")]
    private partial void LogAppendFailed(Exception exception, string type, string roomId, FailureKind kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Observer} failed on a commit of room {RoomId}")]
    private partial void LogObserverFailed(Exception exception, string observer, string roomId);

    private sealed record Decision(
        RoomChatState State,
        IReadOnlyList<(RoomLogEntry Entry, RoomEvent Event, IReadOnlyList<TableTransactionAction> Rows)> Accepted,
        IReadOnlyList<(RoomLogEntry Entry, Exception Refusal)> Refused);

    private sealed class Lane(string tenantId, string roomId)
    {
        public string TenantId { get; } = tenantId;

        public string RoomId { get; } = roomId;

        public Queue<RoomLogEntry> Queue { get; } = new();

        public bool Draining { get; set; }

        public DateTimeOffset LastUsed { get; set; }

        public RoomHead Head { get; set; } = RoomHead.Empty;

        public RoomChatState? State { get; set; }

        public bool RoomStale { get; set; }

        public DateTimeOffset LoadedAt { get; set; }
    }
}
