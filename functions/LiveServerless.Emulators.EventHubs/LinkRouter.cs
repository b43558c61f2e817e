using System.Globalization;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transport;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// The AMQP library's runtime provider: it creates the server side of connections, sessions and links, and when a client attaches
/// a link, routes it by address to the <c>$cbs</c> or <c>$management</c> node, a publisher, or a consumer — or refuses it.
/// </summary>
internal sealed class LinkRouter(EventHubNamespace eventHubs, SharedAccessSignature signatures, ILoggerFactory loggerFactory) : IRuntimeProvider
{
    /// <summary>Event Hubs Standard's limit. The SDK sizes batches from the value a link reports and cannot work without one.</summary>
    private const ulong MaxMessageSize = 1024 * 1024;

    private const string OwnerLevelProperty = "com.microsoft:epoch";
    private const string LastEnqueuedEventCapability = "com.microsoft:enable-receiver-runtime-metric";

    private readonly ILogger _logger = loggerFactory.CreateLogger<LinkRouter>();
    private readonly CbsNode _cbs = new(signatures, loggerFactory.CreateLogger<CbsNode>());
    private readonly ManagementNode _management = new(eventHubs, loggerFactory.CreateLogger<ManagementNode>());

    public AmqpConnection CreateConnection(
        TransportBase transport,
        ProtocolHeader protocolHeader,
        bool isInitiator,
        AmqpSettings amqpSettings,
        AmqpConnectionSettings connectionSettings) =>
        new(transport, protocolHeader, isInitiator, amqpSettings, connectionSettings);

    /// <summary>Part of the interface; the library's connections create their sessions themselves, with this provider as link factory.</summary>
    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) => new(connection, settings, this);

    /// <summary>Role true means the client sends and this side receives.</summary>
    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        if (settings.Role != true)
        {
            return new SendingAmqpLink(session, settings);
        }

        settings.MaxMessageSize = MaxMessageSize;
        return new ReceivingAmqpLink(session, settings);
    }

    /// <summary>Routing is synchronous; throwing an <see cref="AmqpException"/> here makes the library refuse the attach with that error.</summary>
    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state)
    {
        var address = link.IsReceiver
            ? (link.Settings.Target as Target)?.Address?.ToString()
            : (link.Settings.Source as Source)?.Address?.ToString();
        try
        {
            Route(link, EntityAddress.Parse(address));
        }
        catch (AmqpException refusal)
        {
            Log.LinkRefused(_logger, address, refusal.Error.Condition.Value, refusal.Message);
            throw;
        }

        return TaskToAsyncResult.Begin(Task.CompletedTask, callback, state);
    }

    public void EndOpenLink(IAsyncResult result) => TaskToAsyncResult.End(result);

    private void Route(AmqpLink link, EntityAddress address)
    {
        switch (address.Kind, link)
        {
            case (EntityKind.Cbs, _):
                _cbs.Attach(link);
                break;
            case (EntityKind.Management, _):
                _management.Attach(link);
                break;
            case (EntityKind.Publisher, ReceivingAmqpLink publisher):
                AttachPublisher(publisher, address);
                break;
            case (EntityKind.Consumer, SendingAmqpLink consumer):
                AttachConsumer(consumer, address);
                break;
            case (EntityKind.Publisher or EntityKind.Consumer, _):
                throw AmqpErrors.NotAllowed($"'{address.Path}' cannot be attached to in this direction.");
            default:
                throw AmqpErrors.EntityNotFound(address.Path);
        }
    }

    private void AttachPublisher(ReceivingAmqpLink link, EntityAddress address)
    {
        var hub = eventHubs.FindHub(address.Hub!) ?? throw AmqpErrors.EntityNotFound(address.Path);
        var partition = address.PartitionId is null
            ? null
            : hub.FindPartition(address.PartitionId) ?? throw AmqpErrors.EntityNotFound(address.Path);
        new PublisherLink(link, hub, partition, loggerFactory.CreateLogger<PublisherLink>()).Start();
        Log.PublisherAttached(_logger, address.Path);
    }

    private void AttachConsumer(SendingAmqpLink link, EntityAddress address)
    {
        var hub = eventHubs.FindHub(address.Hub!) ?? throw AmqpErrors.EntityNotFound(address.Path);
        var partition = hub.FindPartition(address.PartitionId!) ?? throw AmqpErrors.EntityNotFound(address.Path);
        var filter = SelectorFilter.FindExpression(link.Settings.Source as Source);
        StartPosition start;
        try
        {
            start = SelectorFilter.Parse(filter);
        }
        catch (FormatException invalid)
        {
            throw AmqpErrors.InvalidArgument(invalid.Message);
        }

        var ownerLevel = OwnerLevelOf(link.Settings);
        var receivers = hub.ReceiversOf(address.ConsumerGroup!, partition)
            ?? throw AmqpErrors.EntityNotFound($"{hub.Name}/ConsumerGroups/{address.ConsumerGroup}");
        var consumer = new ConsumerLink(
            link,
            partition,
            receivers,
            start,
            ownerLevel,
            link.Settings.DesiredCapabilities?.Contains(LastEnqueuedEventCapability) == true,
            loggerFactory.CreateLogger<ConsumerLink>());
        receivers.Admit(consumer);
        consumer.Start();
        Log.ConsumerAttached(_logger, address.Path, filter, ownerLevel);
    }

    /// <summary>The .NET SDK sends the owner level as a long; other clients may use a smaller integer type.</summary>
    private static long? OwnerLevelOf(AmqpLinkSettings settings) =>
        settings.Properties?.TryGetValue<object>(OwnerLevelProperty, out var value) == true && value is not null
            ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
            : null;
}
