using LiveServerless.Emulators.SignalR.Clients;
using Microsoft.AspNetCore.SignalR;

namespace LiveServerless.Emulators.SignalR.Rest;

/// <summary>Delivers a payload message to connections as an invocation of its target.</summary>
internal sealed class MessageSender(IHubContext<ServerlessHub> hubContext)
{
    /// <summary>
    /// Completes once the message is written to every connection's transport. REST calls await it, so messages sent one after
    /// another reach each connection in that order.
    /// </summary>
    public Task SendAsync(IReadOnlyList<string> connectionIds, PayloadMessage message, CancellationToken cancellationToken) =>
        connectionIds.Count == 0
            ? Task.CompletedTask
            : hubContext.Clients.Clients(connectionIds).SendCoreAsync(message.Target, message.Arguments, cancellationToken);
}
