using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// Maps a partition key to a partition the way Event Hubs does: Bob Jenkins' lookup3 hash (hashlittle2, both seeds 0) of the
/// key's UTF-8 bytes, its two halves XOR-ed and folded to 16 bits. The SDK's buffered producer resolves keys client-side with the
/// same function, so events with one key land in one partition whichever producer sent them.
/// </summary>
internal static class PartitionKeyHash
{
    public static int PartitionIndexFor(string partitionKey, int partitionCount)
    {
        var (primary, secondary) = Lookup3(Encoding.UTF8.GetBytes(partitionKey));
        var folded = (short)(primary ^ secondary);
        return Math.Abs(folded % partitionCount);
    }

    private static (uint Primary, uint Secondary) Lookup3(ReadOnlySpan<byte> data)
    {
        uint a, b, c;
        a = b = c = 0xdeadbeef + (uint)data.Length;

        // Whole 12-byte blocks, keeping the last (possibly full) block for the final mix.
        while (data.Length > 12)
        {
            a += BinaryPrimitives.ReadUInt32LittleEndian(data);
            b += BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            c += BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
            Mix(ref a, ref b, ref c);
            data = data[12..];
        }

        if (data.IsEmpty)
        {
            return (c, b);
        }

        // The tail is read as little-endian words padded with zero bytes.
        Span<byte> tail = stackalloc byte[12];
        tail.Clear();
        data.CopyTo(tail);
        a += BinaryPrimitives.ReadUInt32LittleEndian(tail);
        b += BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        c += BinaryPrimitives.ReadUInt32LittleEndian(tail[8..]);
        Final(ref a, ref b, ref c);
        return (c, b);
    }

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= BitOperations.RotateLeft(c, 4); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 6); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 8); b += a;
        a -= c; a ^= BitOperations.RotateLeft(c, 16); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 19); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 4); b += a;
    }

    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= BitOperations.RotateLeft(b, 14);
        a ^= c; a -= BitOperations.RotateLeft(c, 11);
        b ^= a; b -= BitOperations.RotateLeft(a, 25);
        c ^= b; c -= BitOperations.RotateLeft(b, 16);
        a ^= c; a -= BitOperations.RotateLeft(c, 4);
        b ^= a; b -= BitOperations.RotateLeft(a, 14);
        c ^= b; c -= BitOperations.RotateLeft(b, 24);
    }
}
