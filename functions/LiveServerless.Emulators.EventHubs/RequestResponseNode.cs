using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// A request/response node such as <c>$cbs</c> or <c>$management</c>. A client attaches a sender (target = the node) for requests
/// and a receiver (source = the node) for responses; each response goes to the reply link named by the request's reply-to,
/// correlated by the request's message-id. The .NET SDK names it by the link's target address, the JavaScript SDK by the link's name;
/// the Python SDK sends no reply-to at all, and gets its answer on its connection's reply link, as from the service.
/// </summary>
internal abstract class RequestResponseNode(ILogger logger)
{
    private readonly ConcurrentDictionary<string, SendingAmqpLink> _replyLinks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SendingAmqpLink, AmqpConnection> _replyLinksByConnection = new();

    public void Attach(AmqpLink link)
    {
        switch (link)
        {
            case ReceivingAmqpLink requests:
                requests.RegisterMessageListener(request => OnRequest(requests, request));
                break;
            case SendingAmqpLink replies:
                _replyLinksByConnection[replies] = replies.Session.Connection;
                replies.Closed += (_, _) => _replyLinksByConnection.TryRemove(replies, out _);
                foreach (var replyTo in ReplyAddressesOf(replies))
                {
                    _replyLinks[replyTo] = replies;
                    replies.Closed += (_, _) => _replyLinks.TryRemove(KeyValuePair.Create(replyTo, replies));
                }

                break;
            default:
                throw AmqpErrors.NotAllowed("Attach a sender for requests and a receiver for their responses.");
        }
    }

    private static IEnumerable<string> ReplyAddressesOf(SendingAmqpLink replies) =>
        new[] { (replies.Settings.Target as Target)?.Address?.ToString(), replies.Settings.LinkName }
            .OfType<string>()
            .Where(address => address.Length > 0)
            .Distinct(StringComparer.Ordinal);

    /// <summary>Answers one request; unexpected failures become a 500 response rather than a broken link.</summary>
    protected abstract AmqpMessage Handle(AmqpMessage request);

    protected static AmqpMessage Response(int statusCode, string statusDescription, object? body = null)
    {
        var response = body is null ? AmqpMessage.Create() : AmqpMessage.Create(new AmqpValue { Value = body });
        response.ApplicationProperties = new ApplicationProperties();
        response.ApplicationProperties.Map["status-code"] = statusCode;
        response.ApplicationProperties.Map["status-description"] = statusDescription;
        return response;
    }

    protected static string? ApplicationProperty(AmqpMessage message, string name) =>
        message.ApplicationProperties?.Map.TryGetValue<string>(name, out var value) == true ? value : null;

    private void OnRequest(ReceivingAmqpLink requests, AmqpMessage request)
    {
        try
        {
            var replyTo = request.Properties.ReplyTo?.ToString();
            var response = HandleSafely(request);
            response.Properties.CorrelationId = request.Properties.MessageId;
            requests.AcceptMessage(request, batchable: false);
            if (ReplyLinkFor(requests, replyTo) is { } replies)
            {
                replies.SendMessageNoWait(response, new ArraySegment<byte>(Guid.NewGuid().ToByteArray()), AmqpConstants.NullBinary);
            }
            else
            {
                Log.NoReplyLink(logger, replyTo);
                response.Dispose();
            }
        }
        catch (Exception exception)
        {
            Log.RequestFailed(logger, exception);
        }
        finally
        {
            request.Dispose();
        }
    }

    private SendingAmqpLink? ReplyLinkFor(ReceivingAmqpLink requests, string? replyTo) =>
        replyTo is not null
            ? _replyLinks.GetValueOrDefault(replyTo)
            : _replyLinksByConnection.FirstOrDefault(reply => reply.Value == requests.Session.Connection && reply.Key.State == AmqpObjectState.Opened).Key;

    private AmqpMessage HandleSafely(AmqpMessage request)
    {
        try
        {
            return Handle(request);
        }
        catch (Exception exception)
        {
            Log.RequestFailed(logger, exception);
            return Response(500, exception.Message);
        }
    }
}
