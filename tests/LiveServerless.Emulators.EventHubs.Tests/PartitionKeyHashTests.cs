using System.Globalization;
using Azure.Messaging.EventHubs;

namespace LiveServerless.Emulators.EventHubs.Tests;

public sealed class PartitionKeyHashTests
{
    /// <summary>
    /// The SDK's internal PartitionResolver is the reference the buffered producer uses; reflection pins the emulator to it,
    /// so a future SDK that changed the mapping would fail here rather than silently split a key's events across partitions.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(32)]
    public void PartitionIndexFor_AnyKey_MatchesTheSdksResolver(int partitionCount)
    {
        var resolverType = typeof(EventData).Assembly
            .GetType("Azure.Messaging.EventHubs.Core.PartitionResolver", throwOnError: true)!;
        var resolver = Activator.CreateInstance(resolverType, nonPublic: true)!;
        var assign = resolverType.GetMethod("AssignForPartitionKey")!;
        var partitions = Enumerable.Range(0, partitionCount).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        string[] keys = ["", "a", "user-7", "abcdefghijkl", "abcdefghijklm", "0123456789abcdef0123456789", "émoji-🎉-ключ", new string('x', 300)];

        foreach (var key in keys.Concat(Enumerable.Range(0, 200).Select(i => $"user-{i}")))
        {
            var expected = (string)assign.Invoke(resolver, [key, partitions])!;
            Assert.Equal(expected, partitions[PartitionKeyHash.PartitionIndexFor(key, partitionCount)]);
        }
    }
}
