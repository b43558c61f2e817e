using System.Collections.Concurrent;
using LiveServerless.Functions.Configuration;
using LiveServerless.Functions.Realtime;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.RoomEvents;

/// <summary>
/// Delivers committed room events to the room's SignalR group in batches: at most one <c>roomEvents</c> message per room per
/// window, so a busy room costs one outbound message per listener per window instead of one per event. The first events after
/// a quiet window go at once; what arrives while a window is open waits for its end. A push is never part of a write: it runs
/// after the commit, and a failed one is only logged (clients that miss a batch see the gap in <c>seq</c> and read
/// <c>/events?after=</c>). With several instances each pushes what it committed; clients order by <c>seq</c>.
/// </summary>
public sealed class RoomEventPusher(RoomNotifier notifier, IOptions<RoomEventsOptions> options, TimeProvider time) : IRoomLogObserver
{
    private const int MaxRooms = 4_096;

    /// <summary>A batch larger than this is split (SignalR messages stay well below the service's size limit).</summary>
    private const int MaxEventsPerMessage = 200;

    private readonly TimeSpan _window = TimeSpan.FromMilliseconds(options.Value.BatchWindowMilliseconds);

    private readonly ConcurrentDictionary<(string TenantId, string RoomId), Outbox> _rooms = new();

    public void Committed(RoomLogCommit commit)
    {
        var outbox = _rooms.GetOrAdd((commit.TenantId, commit.Room.Id), key => new Outbox(key.TenantId, key.RoomId));
        TimeSpan? sendIn;
        lock (outbox)
        {
            outbox.Pending.AddRange(commit.Events);
            sendIn = outbox.Scheduled ? null : outbox.NextWindowIn(time.GetUtcNow(), _window);
            outbox.Scheduled = true;
        }

        if (sendIn is { } delay)
        {
            TrimIdleRooms();
            _ = Task.Run(() => SendAsync(outbox, delay), CancellationToken.None);
        }
    }

    private async Task SendAsync(Outbox outbox, TimeSpan delay)
    {
        while (true)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time);
            }

            List<RoomEvent> batch;
            lock (outbox)
            {
                batch = outbox.Pending;
                outbox.Pending = [];
                outbox.LastSentAt = time.GetUtcNow();
            }

            foreach (var chunk in batch.OrderBy(e => e.Seq).Chunk(MaxEventsPerMessage))
            {
                await notifier.PublishAsync(outbox.TenantId, outbox.RoomId, RealtimeTargets.RoomEvents, new RoomEventsBatch(outbox.RoomId, chunk), CancellationToken.None);
            }

            lock (outbox)
            {
                if (outbox.Pending.Count == 0)
                {
                    outbox.Scheduled = false;
                    return;
                }

                delay = outbox.NextWindowIn(time.GetUtcNow(), _window);
            }
        }
    }

    private void TrimIdleRooms()
    {
        if (_rooms.Count <= MaxRooms)
        {
            return;
        }

        var idleSince = time.GetUtcNow() - TimeSpan.FromMinutes(1);
        foreach (var (key, outbox) in _rooms)
        {
            lock (outbox)
            {
                if (!outbox.Scheduled && outbox.LastSentAt < idleSince)
                {
                    _rooms.TryRemove(new KeyValuePair<(string, string), Outbox>(key, outbox));
                }
            }
        }
    }

    private sealed class Outbox(string tenantId, string roomId)
    {
        public string TenantId { get; } = tenantId;

        public string RoomId { get; } = roomId;

        public List<RoomEvent> Pending { get; set; } = [];

        public bool Scheduled { get; set; }

        public DateTimeOffset LastSentAt { get; set; } = DateTimeOffset.MinValue;

        public TimeSpan NextWindowIn(DateTimeOffset now, TimeSpan window) =>
            LastSentAt == DateTimeOffset.MinValue ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(0, (LastSentAt + window - now).Ticks));
    }
}
