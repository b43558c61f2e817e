using LiveServerless.Emulators.SignalR.Clients;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveServerless.Emulators.SignalR.Rest;

/// <summary>
/// Routes of the data-plane REST API subset (see README): the 2022-06-01 generation under <c>/api/hubs/{hub}</c>
/// and v1 under <c>/api/v1/hubs/{hub}</c>, plus the anonymous health probe.
/// </summary>
internal static class RestApiEndpoints
{
    private static readonly string[] ExistenceMethods = [HttpMethods.Head, HttpMethods.Get];

    public static void MapRestApi(this IEndpointRouteBuilder app)
    {
        // Anonymous, like the service's: load balancers and the SDKs' health checks call it without a token.
        app.MapMethods("/api/health", ExistenceMethods, () => Results.Ok());
        app.MapMethods("/api/v1/health", ExistenceMethods, () => Results.Ok());

        var current = new HubOperations(RestApiVersion.V20220601);
        var hub = app.MapHubGroup("/api/hubs/{hub}", RestApiVersion.V20220601);
        hub.MapPost("/:send", HubOperations.Broadcast);
        hub.MapPost("/users/{user}/:send", HubOperations.SendToUser);
        hub.MapPost("/connections/{connectionId}/:send", HubOperations.SendToConnection);
        hub.MapPost("/groups/{group}/:send", HubOperations.SendToGroup);
        hub.MapPost("/:closeConnections", HubOperations.CloseAllConnections);
        hub.MapPost("/groups/{group}/:closeConnections", HubOperations.CloseGroupConnections);
        hub.MapPost("/users/{user}/:closeConnections", HubOperations.CloseUserConnections);
        hub.MapManagement(current);

        var v1 = new HubOperations(RestApiVersion.V1);
        var v1Hub = app.MapHubGroup("/api/v1/hubs/{hub}", RestApiVersion.V1);
        v1Hub.MapPost("/", HubOperations.Broadcast);
        v1Hub.MapPost("/users/{user}", HubOperations.SendToUser);
        v1Hub.MapPost("/connections/{connectionId}", HubOperations.SendToConnection);
        v1Hub.MapPost("/groups/{group}", HubOperations.SendToGroup);
        v1Hub.MapManagement(v1);
    }

    private static RouteGroupBuilder MapHubGroup(this IEndpointRouteBuilder app, string prefix, RestApiVersion version)
    {
        var group = app.MapGroup(prefix).AddEndpointFilter<ServerAuthenticationFilter>();
        return group.AddEndpointFilter((context, next) =>
            RequestProblem(context.HttpContext.Request, version) is { } problem ? ValueTask.FromResult<object?>(problem) : next(context));
    }

    /// <summary>Operations whose paths are the same in both versions; user/group and connection/group paths are accepted in either order.</summary>
    private static void MapManagement(this RouteGroupBuilder hub, HubOperations operations)
    {
        hub.MapMethods("/connections/{connectionId}", ExistenceMethods, HubOperations.ConnectionExists);
        hub.MapMethods("/users/{user}", ExistenceMethods, HubOperations.UserExists);
        hub.MapMethods("/groups/{group}", ExistenceMethods, HubOperations.GroupExists);
        hub.MapDelete("/connections/{connectionId}", operations.CloseConnection);

        hub.MapPut("/groups/{group}/connections/{connectionId}", operations.AddConnectionToGroup);
        hub.MapPut("/connections/{connectionId}/groups/{group}", operations.AddConnectionToGroup);
        hub.MapDelete("/groups/{group}/connections/{connectionId}", operations.RemoveConnectionFromGroup);
        hub.MapDelete("/connections/{connectionId}/groups/{group}", operations.RemoveConnectionFromGroup);
        hub.MapDelete("/connections/{connectionId}/groups", operations.RemoveConnectionFromAllGroups);

        hub.MapPut("/users/{user}/groups/{group}", operations.AddUserToGroup);
        hub.MapPut("/groups/{group}/users/{user}", operations.AddUserToGroup);
        hub.MapDelete("/users/{user}/groups/{group}", operations.RemoveUserFromGroup);
        hub.MapDelete("/groups/{group}/users/{user}", operations.RemoveUserFromGroup);
        hub.MapMethods("/users/{user}/groups/{group}", ExistenceMethods, HubOperations.UserInGroup);
        hub.MapMethods("/groups/{group}/users/{user}", ExistenceMethods, HubOperations.UserInGroup);
        hub.MapDelete("/users/{user}/groups", operations.RemoveUserFromAllGroups);
    }

    private static IResult? RequestProblem(HttpRequest request, RestApiVersion version)
    {
        if (!HubName.IsValid(request.RouteValues["hub"] as string))
        {
            return ErrorDetail.BadRequest("The hub name must start with a letter and contain only letters, digits and underscores.");
        }

        // The 2022-06-01 swagger marks api-version required; refusing its absence here surfaces the mistake before Azure does.
        return version == RestApiVersion.V20220601 && string.IsNullOrEmpty(request.Query["api-version"])
            ? ErrorDetail.BadRequest("The api-version query parameter is required, e.g. api-version=2022-06-01.")
            : null;
    }
}
