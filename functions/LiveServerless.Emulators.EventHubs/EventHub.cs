using System.Globalization;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>An event hub: its partitions, how publishes are spread across them, and the receivers of each consumer group.</summary>
internal sealed class EventHub : IDisposable
{
    private readonly PartitionLog[] _partitions;
    private readonly Dictionary<string, PartitionReceivers[]> _consumerGroups;
    private int _roundRobin = -1;

    private EventHub(string name, DateTime createdAtUtc, PartitionLog[] partitions, IEnumerable<string> consumerGroups)
    {
        Name = name;
        CreatedAtUtc = createdAtUtc;
        _partitions = partitions;
        PartitionIds = [.. partitions.Select(p => p.PartitionId)];
        _consumerGroups = consumerGroups
            .Append(DefaultConsumerGroup)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group, _ => partitions.Select(_ => new PartitionReceivers()).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The consumer group every event hub has.</summary>
    public const string DefaultConsumerGroup = "$Default";

    public string Name { get; }

    public DateTime CreatedAtUtc { get; }

    public string[] PartitionIds { get; }

    public IReadOnlyList<PartitionLog> Partitions => _partitions;

    /// <summary>Creates the hub's partitions ("0", "1", …), loading them from <c>dataDirectory/name/</c> when persistence is on.</summary>
    public static EventHub Open(string name, int partitionCount, IEnumerable<string> consumerGroups, string? dataDirectory, TimeProvider clock)
    {
        var partitions = new PartitionLog[partitionCount];
        try
        {
            for (var i = 0; i < partitionCount; i++)
            {
                var partitionId = i.ToString(CultureInfo.InvariantCulture);
                var file = dataDirectory is null
                    ? null
                    : PartitionFile.Open(Path.Combine(dataDirectory, name, $"partition-{partitionId}.log"));
                partitions[i] = new PartitionLog(partitionId, file, clock);
            }
        }
        catch
        {
            foreach (var opened in partitions)
            {
                opened?.Dispose();
            }

            throw;
        }

        return new EventHub(name, clock.GetUtcNow().UtcDateTime, partitions, consumerGroups);
    }

    public PartitionLog? FindPartition(string partitionId) =>
        Array.Find(_partitions, p => p.PartitionId == partitionId);

    /// <summary>A partition key always maps to the same partition; events without one are spread round-robin.</summary>
    public PartitionLog SelectPartition(string? partitionKey)
    {
        if (partitionKey is not null)
        {
            return _partitions[PartitionKeyHash.PartitionIndexFor(partitionKey, _partitions.Length)];
        }

        var next = (uint)Interlocked.Increment(ref _roundRobin);
        return _partitions[next % (uint)_partitions.Length];
    }

    /// <summary>The receivers of one partition in one consumer group; null when the hub has no such consumer group.</summary>
    public PartitionReceivers? ReceiversOf(string consumerGroup, PartitionLog partition) =>
        _consumerGroups.TryGetValue(consumerGroup, out var receivers) ? receivers[Array.IndexOf(_partitions, partition)] : null;

    public void Dispose()
    {
        foreach (var partition in _partitions)
        {
            partition.Dispose();
        }
    }
}
