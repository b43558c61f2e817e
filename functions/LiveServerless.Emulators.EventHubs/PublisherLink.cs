using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// A producer's link to a hub (events are spread by partition key or round-robin) or to one partition.
/// Each publish is stored before it is settled Accepted, so a producer's successful send means the events are readable.
/// </summary>
internal sealed class PublisherLink(ReceivingAmqpLink link, EventHub hub, PartitionLog? partition, ILogger logger)
{
    public void Start() => link.RegisterMessageListener(OnPublished);

    // The library calls this for each transfer in order on the connection's I/O path; storing synchronously here keeps a
    // producer's events in send order and makes the settlement mean "stored" (appends are buffered writes, not fsyncs).
    private void OnPublished(AmqpMessage published)
    {
        try
        {
            link.DisposeMessage(published, Store(published), settled: true, published.Batchable);
        }
        catch (Exception exception)
        {
            // The link or connection went away meanwhile; the producer will retry on a new one.
            Log.SettleFailed(logger, hub.Name, exception.Message);
        }
        finally
        {
            published.Dispose();
        }
    }

    private DeliveryState Store(AmqpMessage published)
    {
        try
        {
            var (messages, partitionKey) = EventMessages.Unpack(published);
            var target = partition ?? hub.SelectPartition(partitionKey);
            var stored = target.Append(messages, partitionKey);
            if (stored.Count > 0)
            {
                Log.EventsStored(logger, stored.Count, hub.Name, target.PartitionId, stored[0].SequenceNumber);
            }

            return AmqpConstants.AcceptedOutcome;
        }
        catch (Exception exception)
        {
            // The SDK treats an internal error as transient and retries the send.
            Log.PublishFailed(logger, hub.Name, exception);
            return new Rejected { Error = new Error { Condition = AmqpErrorCode.InternalError, Description = exception.Message } };
        }
    }
}
