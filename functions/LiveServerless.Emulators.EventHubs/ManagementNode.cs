using System.Globalization;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// The management node: READ of an event hub's properties (GetEventHubPropertiesAsync, GetPartitionIdsAsync) and of a partition's
/// runtime information (GetPartitionPropertiesAsync). The keys and value types are the ones the SDK casts to.
/// </summary>
internal sealed class ManagementNode(EventHubNamespace eventHubs, ILogger<ManagementNode> logger) : RequestResponseNode(logger)
{
    private const string EventHubType = "com.microsoft:eventhub";
    private const string PartitionType = "com.microsoft:partition";

    protected override AmqpMessage Handle(AmqpMessage request)
    {
        var operation = ApplicationProperty(request, "operation");
        if (operation != "READ")
        {
            return Response(501, $"The emulator's $management node does not support operation '{operation}'.");
        }

        var name = ApplicationProperty(request, "name") ?? "";
        if (eventHubs.FindHub(name) is not { } hub)
        {
            return NotFound(name);
        }

        var type = ApplicationProperty(request, "type");
        if (type == EventHubType)
        {
            return Response(200, "OK", HubProperties(hub));
        }

        if (type != PartitionType)
        {
            return Response(400, $"Unknown resource type '{type}'.");
        }

        var partitionId = ApplicationProperty(request, "partition") ?? "";
        return hub.FindPartition(partitionId) is { } partition
            ? Response(200, "OK", PartitionProperties(hub, partition))
            : NotFound($"{name}/Partitions/{partitionId}");
    }

    private static AmqpMessage NotFound(string entityPath) => Response(404, AmqpErrors.EntityNotFound(entityPath).Error.Description);

    private static AmqpMap HubProperties(EventHub hub) => new()
    {
        [new MapKey("name")] = hub.Name,
        [new MapKey("type")] = EventHubType,
        [new MapKey("created_at")] = hub.CreatedAtUtc,
        [new MapKey("partition_count")] = hub.PartitionIds.Length,
        [new MapKey("partition_ids")] = hub.PartitionIds,
    };

    private static AmqpMap PartitionProperties(EventHub hub, PartitionLog partition)
    {
        var snapshot = partition.Snapshot();
        return new AmqpMap
        {
            [new MapKey("name")] = hub.Name,
            [new MapKey("type")] = PartitionType,
            [new MapKey("partition")] = partition.PartitionId,
            [new MapKey("begin_sequence_number")] = snapshot.BeginSequenceNumber,
            [new MapKey("last_enqueued_sequence_number")] = snapshot.LastSequenceNumber,
            [new MapKey("last_enqueued_offset")] = snapshot.LastOffset.ToString(CultureInfo.InvariantCulture),
            [new MapKey("last_enqueued_time_utc")] = snapshot.LastEnqueuedTimeUtc,
            [new MapKey("runtime_info_retrieval_time_utc")] = DateTime.UtcNow,
            [new MapKey("is_partition_empty")] = snapshot.IsEmpty,
        };
    }
}
