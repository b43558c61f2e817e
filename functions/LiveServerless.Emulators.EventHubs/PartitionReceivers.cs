namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// The receivers of one partition in one consumer group, and Event Hubs' owner-level (epoch) rules between them:
/// a receiver with an owner level disconnects every receiver with a lower or equal level or none; a receiver is refused while
/// one with a higher level (or, for a receiver without a level, any level) is attached.
/// </summary>
internal sealed class PartitionReceivers
{
    private readonly Lock _gate = new();
    private readonly List<ConsumerLink> _attached = [];

    /// <summary>Adds <paramref name="newcomer"/>, disconnecting the receivers it outranks; throws an AMQP <c>amqp:link:stolen</c> error when it is refused.</summary>
    public void Admit(ConsumerLink newcomer)
    {
        List<ConsumerLink> outranked;
        lock (_gate)
        {
            var highest = _attached.Max(r => r.OwnerLevel);
            if (highest is not null && (newcomer.OwnerLevel is null || newcomer.OwnerLevel < highest))
            {
                throw AmqpErrors.ReceiverRefused(newcomer.OwnerLevel, highest.Value);
            }

            // Receivers without an owner level share the partition; one with a level takes it over.
            outranked = newcomer.OwnerLevel is null ? [] : [.. _attached];
            if (newcomer.OwnerLevel is not null)
            {
                _attached.Clear();
            }

            _attached.Add(newcomer);
        }

        foreach (var receiver in outranked)
        {
            receiver.Disconnect(AmqpErrors.ReceiverStolen(newcomer.OwnerLevel!.Value, receiver.OwnerLevel));
        }
    }

    public void Remove(ConsumerLink receiver)
    {
        lock (_gate)
        {
            _attached.Remove(receiver);
        }
    }
}
