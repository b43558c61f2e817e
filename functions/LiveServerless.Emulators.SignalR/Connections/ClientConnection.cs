using Microsoft.AspNetCore.SignalR;

namespace LiveServerless.Emulators.SignalR.Connections;

/// <summary>A client connected to one hub; <see cref="Context"/> is kept so the REST API can close it.</summary>
internal sealed record ClientConnection(string Id, string? UserId, HubCallerContext Context);
