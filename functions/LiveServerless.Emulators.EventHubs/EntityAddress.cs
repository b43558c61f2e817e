namespace LiveServerless.Emulators.EventHubs;

internal enum EntityKind
{
    Unknown,
    Cbs,
    Management,
    Publisher,
    Consumer,
}

/// <summary>
/// What a link attaches to, read from its address: <c>$cbs</c>, <c>$management</c>, <c>hub</c> or <c>hub/Partitions/id</c> (publish),
/// <c>hub/ConsumerGroups/group/Partitions/id</c> (consume). The .NET SDK sends the path with a leading slash; other clients send a full URI.
/// </summary>
internal sealed record EntityAddress(EntityKind Kind, string Path, string? Hub = null, string? ConsumerGroup = null, string? PartitionId = null)
{
    public static EntityAddress Parse(string? address)
    {
        var path = Uri.TryCreate(address, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.AbsolutePath : address ?? "";
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        return segments switch
        {
            ["$cbs"] => new(EntityKind.Cbs, path),
            ["$management"] => new(EntityKind.Management, path),
            [var hub] when hub.Length > 0 => new(EntityKind.Publisher, path, hub),
            [var hub, var partitions, var partitionId] when Is(partitions, "Partitions") =>
                new(EntityKind.Publisher, path, hub, PartitionId: partitionId),
            [var hub, var groups, var group, var partitions, var partitionId] when Is(groups, "ConsumerGroups") && Is(partitions, "Partitions") =>
                new(EntityKind.Consumer, path, hub, group, partitionId),
            _ => new(EntityKind.Unknown, path),
        };
    }

    private static bool Is(string segment, string expected) => segment.Equals(expected, StringComparison.OrdinalIgnoreCase);
}
