using LiveServerless.Emulators.SignalR.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Emulators.SignalR.Clients;

/// <summary>
/// The one SignalR hub behind <c>/client</c>; the hub a connection belongs to is the <c>hub</c> it was authenticated for.
/// It declares no methods: in serverless mode the service has no hub code to run, so a client invocation is answered with
/// SignalR's "method does not exist" error and the connection stays open.
/// </summary>
internal sealed class ServerlessHub(HubRegistry hubs, ILogger<ServerlessHub> logger) : Hub
{
    public override Task OnConnectedAsync()
    {
        var hub = ClientClaims.HubOf(Context.User);
        hubs[hub].Add(new ClientConnection(Context.ConnectionId, Context.UserIdentifier, Context));
        logger.LogInformation("Client {ConnectionId} (user {UserId}) connected to hub {Hub}", Context.ConnectionId, Context.UserIdentifier, hub);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        var hub = ClientClaims.HubOf(Context.User);
        hubs[hub].Remove(Context.ConnectionId);
        logger.LogInformation("Client {ConnectionId} disconnected from hub {Hub}", Context.ConnectionId, hub);
        return Task.CompletedTask;
    }
}
