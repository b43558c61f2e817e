namespace LiveServerless.Domain.RoomStats;

/// <summary>
/// Counts distinct members, replay-safely (adding a member twice changes nothing). Exact while small — the members are kept —
/// then a HyperLogLog sketch of 2^12 registers (about 1.6% standard error) whose size never grows with the audience.
/// </summary>
public sealed record UniqueCounter(IReadOnlyList<string> Members, byte[]? Registers)
{
    public const int ExactLimit = 1000;

    private const int RegisterBits = 12;

    private const int RegisterCount = 1 << RegisterBits;

    public static UniqueCounter Empty { get; } = new([], null);

    public long Count => Registers is null ? Members.Count : Estimate(Registers);

    /// <summary>
    /// The counter without <paramref name="member"/>'s identity (erasure): an exact counter stands an anonymous placeholder in for it,
    /// so the count stays; a sketch holds no identities at all.
    /// </summary>
    public UniqueCounter Forget(string member, string placeholder) =>
        Registers is null && Members.Contains(member, StringComparer.Ordinal)
            ? this with { Members = [.. Members.Select(m => m == member ? placeholder : m)] }
            : this;

    public UniqueCounter Add(string member)
    {
        if (Registers is not null)
        {
            var registers = (byte[])Registers.Clone();
            Observe(registers, member);
            return this with { Registers = registers };
        }

        if (Members.Contains(member, StringComparer.Ordinal))
        {
            return this;
        }

        if (Members.Count < ExactLimit)
        {
            return this with { Members = [.. Members, member] };
        }

        var sketch = new byte[RegisterCount];
        foreach (var known in Members.Append(member))
        {
            Observe(sketch, known);
        }

        return new UniqueCounter([], sketch);
    }

    private static void Observe(byte[] registers, string member)
    {
        var hash = Hash64(member);
        var index = (int)(hash >> (64 - RegisterBits));
        var rest = (hash << RegisterBits) | (1UL << (RegisterBits - 1));
        var rank = (byte)(System.Numerics.BitOperations.LeadingZeroCount(rest) + 1);
        registers[index] = Math.Max(registers[index], rank);
    }

    /// <summary>FNV-1a over the characters, then the splitmix64 finaliser so every bit of the result depends on every input bit.</summary>
    private static ulong Hash64(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9UL;
        hash = (hash ^ (hash >> 27)) * 0x94d049bb133111ebUL;
        return hash ^ (hash >> 31);
    }

    private static long Estimate(byte[] registers)
    {
        const double alpha = 0.7213 / (1 + 1.079 / RegisterCount);
        var sum = registers.Sum(r => Math.Pow(2, -r));
        var estimate = alpha * RegisterCount * RegisterCount / sum;
        var zeros = registers.Count(r => r == 0);
        if (estimate <= 2.5 * RegisterCount && zeros > 0)
        {
            estimate = RegisterCount * Math.Log((double)RegisterCount / zeros);
        }

        return (long)Math.Round(estimate);
    }
}
