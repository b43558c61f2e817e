using System.Diagnostics.CodeAnalysis;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// One partition's ordered events. Sequence numbers start at 0; an event's offset is the byte position of its record in the log
/// (the same in memory and on disk), so offsets are not sequence numbers, as in Azure. Events are never expired.
/// </summary>
internal sealed class PartitionLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<StoredEvent> _events = [];
    private readonly PartitionFile? _file;
    private readonly TimeProvider _clock;
    private long _nextOffset;

    public PartitionLog(string partitionId, PartitionFile? file, TimeProvider clock)
    {
        PartitionId = partitionId;
        _file = file;
        _clock = clock;
        if (file is null)
        {
            return;
        }

        var (records, tornBytes) = file.ReadAll();
        foreach (var (offset, enqueuedTimeUtc, message) in records)
        {
            _events.Add(new StoredEvent(_events.Count, offset, enqueuedTimeUtc, message));
            _nextOffset = offset + PartitionFile.RecordSize(message.Length);
        }

        TornBytesDropped = tornBytes;
    }

    /// <summary>Raised after events are stored; receivers use it to push new events instead of polling.</summary>
    public event Action? EventsAppended;

    public string PartitionId { get; }

    /// <summary>How many bytes of a record torn by a crash were cut from the end of the partition's file at start (0 when none).</summary>
    public long TornBytesDropped { get; }

    /// <summary>
    /// Stores published messages in order, stamping each with its sequence number, offset and enqueued time.
    /// When the log is persisted, this returns only after the records are written, so the publish can then be settled.
    /// </summary>
    public IReadOnlyList<StoredEvent> Append(IReadOnlyList<byte[]> messages, string? partitionKey)
    {
        List<StoredEvent> stored;
        lock (_gate)
        {
            var enqueuedTimeUtc = NextEnqueuedTime();
            var offset = _nextOffset;
            stored = new List<StoredEvent>(messages.Count);
            foreach (var message in messages)
            {
                long sequenceNumber = _events.Count + stored.Count;
                var stamped = EventMessages.Stamp(message, sequenceNumber, offset, enqueuedTimeUtc, partitionKey);
                stored.Add(new StoredEvent(sequenceNumber, offset, enqueuedTimeUtc, stamped));
                offset += PartitionFile.RecordSize(stamped.Length);
            }

            _file?.Append(stored.Select(e => (e.EnqueuedTimeUtc, e.Message)));
            _events.AddRange(stored);
            _nextOffset = offset;
        }

        EventsAppended?.Invoke();
        return stored;
    }

    public bool TryGet(long sequenceNumber, [NotNullWhen(true)] out StoredEvent? stored)
    {
        lock (_gate)
        {
            stored = sequenceNumber >= 0 && sequenceNumber < _events.Count ? _events[(int)sequenceNumber] : null;
            return stored is not null;
        }
    }

    /// <summary>The sequence number of the first event a receiver starting at <paramref name="start"/> reads (the next one to arrive, if none is stored yet).</summary>
    public long FirstSequenceNumberFrom(StartPosition start)
    {
        lock (_gate)
        {
            return start.Kind switch
            {
                StartKind.Latest => _events.Count,
                StartKind.SequenceNumber => Math.Clamp(start.Inclusive ? start.Value : start.Value + 1, 0, _events.Count),
                StartKind.Offset => FirstIndexWhere(e => start.Inclusive ? e.Offset >= start.Value : e.Offset > start.Value),
                _ => FirstIndexWhere(e => start.Inclusive
                    ? e.EnqueuedUnixMilliseconds >= start.Value
                    : e.EnqueuedUnixMilliseconds > start.Value),
            };
        }
    }

    public PartitionSnapshot Snapshot()
    {
        lock (_gate)
        {
            if (_events.Count == 0)
            {
                // What Azure reports for a partition that never held an event.
                return new PartitionSnapshot(0, -1, -1, DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), IsEmpty: true);
            }

            var last = _events[^1];
            return new PartitionSnapshot(_events[0].SequenceNumber, last.SequenceNumber, last.Offset, last.EnqueuedTimeUtc, IsEmpty: false);
        }
    }

    public void Dispose() => _file?.Dispose();

    /// <summary>Enqueued times are whole milliseconds (what AMQP carries) and never go backwards, so time filters stay ordered.</summary>
    private DateTime NextEnqueuedTime()
    {
        var now = _clock.GetUtcNow();
        var truncated = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()).UtcDateTime;
        return _events.Count > 0 && _events[^1].EnqueuedTimeUtc > truncated ? _events[^1].EnqueuedTimeUtc : truncated;
    }

    /// <summary>Binary search for the first event satisfying a predicate that is false for a prefix of the log and true after it.</summary>
    private int FirstIndexWhere(Func<StoredEvent, bool> isAtOrAfterStart)
    {
        int low = 0, high = _events.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (isAtOrAfterStart(_events[middle]))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
