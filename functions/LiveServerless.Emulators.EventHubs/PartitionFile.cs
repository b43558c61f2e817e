using System.Buffers.Binary;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// One partition as an append-only file of records: <c>[int32 message length][int64 enqueued time, Unix ms][message]</c>, little-endian.
/// A record's position in the file is its event's offset, so offsets (and sequence numbers, the record index) survive a restart unchanged.
/// </summary>
internal sealed class PartitionFile : IDisposable
{
    private const int RecordHeaderSize = sizeof(int) + sizeof(long);

    private readonly FileStream _stream;

    private PartitionFile(FileStream stream) => _stream = stream;

    /// <summary>Opens (or creates) the file; FileShare.Read makes a second emulator on the same folder fail instead of interleaving writes.</summary>
    public static PartitionFile Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new PartitionFile(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read));
    }

    /// <summary>The space a message takes in the log, which is also how far the next event's offset moves.</summary>
    public static long RecordSize(int messageLength) => RecordHeaderSize + messageLength;

    /// <summary>
    /// Reads every complete record. A torn record at the end (the process died mid-append, before the delivery was settled,
    /// so no publisher was told it was stored) is cut off, and the number of bytes dropped is returned.
    /// </summary>
    public (IReadOnlyList<(long Offset, DateTime EnqueuedTimeUtc, byte[] Message)> Records, long TornBytes) ReadAll()
    {
        var records = new List<(long, DateTime, byte[])>();
        var header = new byte[RecordHeaderSize];
        _stream.Position = 0;
        long offset = 0;
        while (TryReadExactly(header))
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            var enqueued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(sizeof(int)))).UtcDateTime;
            var message = length >= 0 && length <= _stream.Length - _stream.Position ? new byte[length] : null;
            if (message is null || !TryReadExactly(message))
            {
                break;
            }

            records.Add((offset, enqueued, message));
            offset = _stream.Position;
        }

        var tornBytes = _stream.Length - offset;
        if (tornBytes > 0)
        {
            _stream.SetLength(offset);
        }

        return (records, tornBytes);
    }

    /// <summary>
    /// Appends records and hands them to the operating system before returning, so a settled publish survives the emulator's process.
    /// A failed append is rolled back so the file never keeps a record that no publisher was told about.
    /// </summary>
    public void Append(IEnumerable<(DateTime EnqueuedTimeUtc, byte[] Message)> records)
    {
        var end = _stream.Seek(0, SeekOrigin.End);
        try
        {
            Span<byte> header = stackalloc byte[RecordHeaderSize];
            foreach (var (enqueuedTimeUtc, message) in records)
            {
                BinaryPrimitives.WriteInt32LittleEndian(header, message.Length);
                BinaryPrimitives.WriteInt64LittleEndian(header[sizeof(int)..], new DateTimeOffset(enqueuedTimeUtc).ToUnixTimeMilliseconds());
                _stream.Write(header);
                _stream.Write(message);
            }

            _stream.Flush(flushToDisk: false);
        }
        catch
        {
            _stream.SetLength(end);
            throw;
        }
    }

    public void Dispose() => _stream.Dispose();

    private bool TryReadExactly(byte[] buffer) => _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;
}
