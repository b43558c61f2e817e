using Microsoft.Extensions.Logging;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>The emulator's log messages, source-generated so that per-event logging costs nothing when the level is off.</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Event Hubs emulator listening on {Host}:{Port} with {EventHubs}; {Storage}")]
    public static partial void Listening(ILogger logger, string host, int port, string eventHubs, string storage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event Hubs emulator stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {TornBytes} bytes of an incomplete record at the end of {EventHub} partition {PartitionId}'s file")]
    public static partial void TornRecordDropped(ILogger logger, long tornBytes, string eventHub, string partitionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Port {Port} was taken before it could be bound; trying another")]
    public static partial void PortTaken(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection from {Client} opened")]
    public static partial void ConnectionOpened(ILogger logger, string? client);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection from {Client} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string? client, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection from {Client} failed to open")]
    public static partial void ConnectionFailed(ILogger logger, string? client, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Accepted a {TokenType} token for {Audience}")]
    public static partial void TokenAccepted(ILogger logger, string? tokenType, string? audience);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a {TokenType} token for {Audience}: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string? tokenType, string? audience, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a link to {Address}: {Condition} {Description}")]
    public static partial void LinkRefused(ILogger logger, string? address, string condition, string description);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Publisher attached to {Address}")]
    public static partial void PublisherAttached(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Consumer attached to {Address} with filter {Filter} and owner level {OwnerLevel}")]
    public static partial void ConsumerAttached(ILogger logger, string address, string? filter, long? ownerLevel);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Consumer link {Link} detached at sequence number {NextSequenceNumber}: {Reason}")]
    public static partial void ReceiverDetached(ILogger logger, string link, long nextSequenceNumber, string reason);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Stored {Count} event(s) in {EventHub}/{PartitionId} from sequence number {FirstSequenceNumber}")]
    public static partial void EventsStored(ILogger logger, int count, string eventHub, string partitionId, long firstSequenceNumber);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A publish to {EventHub} could not be settled: {Reason}")]
    public static partial void SettleFailed(ILogger logger, string eventHub, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A publish to {EventHub} was rejected")]
    public static partial void PublishFailed(ILogger logger, string eventHub, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery on consumer link {Link} failed; closing the link")]
    public static partial void DeliveryFailed(ILogger logger, string link, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request's reply-to {ReplyTo} has no attached reply link; the response was dropped")]
    public static partial void NoReplyLink(ILogger logger, string? replyTo);

    [LoggerMessage(Level = LogLevel.Error, Message = "A request to a management node failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception);
}
