using System.Threading.Channels;
using Microsoft.Azure.Amqp;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// A receiver on one partition of one consumer group. It delivers stored events from its start position on, then new events
/// as they are stored, only while the client has granted credit; each wake-up (credit, a new event) runs one delivery pass.
/// </summary>
internal sealed class ConsumerLink(
    SendingAmqpLink link,
    PartitionLog partition,
    PartitionReceivers receivers,
    StartPosition start,
    long? ownerLevel,
    bool reportsLastEnqueuedEvent,
    ILogger logger)
{
    // A wake-up signal: one pending item is enough, since a pass delivers everything that credit allows.
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _nextSequenceNumber;

    public long? OwnerLevel { get; } = ownerLevel;

    /// <summary>Fixes the start position now, so that "latest" means events stored after the receiver attached, and starts delivering.</summary>
    public void Start()
    {
        _nextSequenceNumber = partition.FirstSequenceNumberFrom(start);
        partition.EventsAppended += WakeUp;
        link.RegisterCreditListener((_, _, _) => WakeUp());
        link.Opened += (_, _) => WakeUp();
        link.Closed += OnClosed;
        if (link.IsClosing())
        {
            // The client went away before the handler was in place; an attached receiver must not outlive its link.
            OnClosed(link, EventArgs.Empty);
        }

        _ = DeliverAsync();
    }

    /// <summary>Closes the link with <paramref name="reason"/>; the client sees it as the link's error.</summary>
    public void Disconnect(AmqpException reason) => link.SafeClose(reason);

    private void WakeUp() => _wakeUps.Writer.TryWrite(true);

    private void OnClosed(object? sender, EventArgs e)
    {
        partition.EventsAppended -= WakeUp;
        receivers.Remove(this);
        _wakeUps.Writer.TryComplete();
        Log.ReceiverDetached(logger, link.Settings.LinkName, _nextSequenceNumber, link.TerminalException?.Message ?? "closed cleanly");
    }

    private async Task DeliverAsync()
    {
        try
        {
            while (await _wakeUps.Reader.WaitToReadAsync())
            {
                _wakeUps.Reader.TryRead(out _);
                DeliverWhileCreditLasts();
            }
        }
        catch (Exception exception)
        {
            Log.DeliveryFailed(logger, link.Settings.LinkName, exception);
            link.SafeClose(exception);
        }
    }

    private void DeliverWhileCreditLasts()
    {
        // Available counts messages handed to the link that it has not sent yet, so credit is never spent twice.
        while (link.State == AmqpObjectState.Opened
            && link.LinkCredit > link.Available
            && partition.TryGet(_nextSequenceNumber, out var stored))
        {
            var lastEnqueued = reportsLastEnqueuedEvent ? partition.Snapshot() : null;
            link.SendMessageNoWait(
                EventMessages.ForDelivery(stored, lastEnqueued),
                new ArraySegment<byte>(BitConverter.GetBytes(stored.SequenceNumber)),
                AmqpConstants.NullBinary);
            _nextSequenceNumber++;
        }
    }
}
