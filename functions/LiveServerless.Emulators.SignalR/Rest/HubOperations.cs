using LiveServerless.Emulators.SignalR.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LiveServerless.Emulators.SignalR.Rest;

/// <summary>
/// The REST operations on one hub; route values, query parameters and services are bound by minimal APIs. Sends and existence
/// checks answer alike in every version; management operations are instance methods because the versions answer them with
/// different success codes.
/// </summary>
internal sealed class HubOperations(RestApiVersion version)
{
    public static Task<IResult> Broadcast(
        string hub,
        [FromQuery] string[]? excluded,
        [FromQuery] string[]? excludedUsers,
        HttpRequest request,
        HubRegistry hubs,
        MessageSender sender,
        CancellationToken cancellationToken) =>
        SendAsync(request, sender, () => hubs[hub].All(ExclusionsOf(excluded, excludedUsers)), cancellationToken);

    public static Task<IResult> SendToUser(
        string hub, string user, HttpRequest request, HubRegistry hubs, MessageSender sender, CancellationToken cancellationToken) =>
        SendAsync(request, sender, () => hubs[hub].OfUser(user), cancellationToken);

    public static Task<IResult> SendToConnection(
        string hub, string connectionId, HttpRequest request, HubRegistry hubs, MessageSender sender, CancellationToken cancellationToken) =>
        SendAsync(request, sender, () => hubs[hub].Find(connectionId) is null ? [] : [connectionId], cancellationToken);

    public static Task<IResult> SendToGroup(
        string hub,
        string group,
        [FromQuery] string[]? excluded,
        [FromQuery] string[]? excludedUsers,
        HttpRequest request,
        HubRegistry hubs,
        MessageSender sender,
        CancellationToken cancellationToken) =>
        SendAsync(request, sender, () => hubs[hub].InGroup(group, ExclusionsOf(excluded, excludedUsers)), cancellationToken);

    public static IResult ConnectionExists(string hub, string connectionId, HubRegistry hubs) => Exists(hubs[hub].Find(connectionId) is not null);

    public static IResult UserExists(string hub, string user, HubRegistry hubs) => Exists(hubs[hub].HasUser(user));

    public static IResult GroupExists(string hub, string group, HubRegistry hubs) => Exists(hubs[hub].HasGroup(group));

    public static IResult UserInGroup(string hub, string group, string user, HubRegistry hubs) => Exists(hubs[hub].IsUserInGroup(group, user));

    public static IResult CloseAllConnections(string hub, [FromQuery] string[]? excluded, HubRegistry hubs) =>
        CloseConnections(hubs[hub], hubs[hub].All(ExclusionsOf(excluded, null)));

    public static IResult CloseGroupConnections(string hub, string group, [FromQuery] string[]? excluded, HubRegistry hubs) =>
        CloseConnections(hubs[hub], hubs[hub].InGroup(group, ExclusionsOf(excluded, null)));

    public static IResult CloseUserConnections(string hub, string user, [FromQuery] string[]? excluded, HubRegistry hubs) =>
        CloseConnections(hubs[hub], hubs[hub].OfUser(user).Except(excluded ?? [], StringComparer.Ordinal).ToList());

    public IResult CloseConnection(string hub, string connectionId, HubRegistry hubs)
    {
        hubs[hub].Find(connectionId)?.Context.Abort();
        return Succeeded(StatusCodes.Status200OK);
    }

    public IResult AddConnectionToGroup(string hub, string group, string connectionId, HubRegistry hubs) =>
        hubs[hub].AddConnectionToGroup(group, connectionId) ? Succeeded(StatusCodes.Status200OK) : ConnectionNotFound(connectionId);

    public IResult RemoveConnectionFromGroup(string hub, string group, string connectionId, HubRegistry hubs) =>
        hubs[hub].RemoveConnectionFromGroup(group, connectionId) ? Succeeded(StatusCodes.Status200OK) : ConnectionNotFound(connectionId);

    public IResult RemoveConnectionFromAllGroups(string hub, string connectionId, HubRegistry hubs)
    {
        hubs[hub].RemoveConnectionFromAllGroups(connectionId);
        return Succeeded(StatusCodes.Status200OK);
    }

    public IResult AddUserToGroup(string hub, string group, string user, int? ttl, HubRegistry hubs)
    {
        if (ttl < 0)
        {
            return ErrorDetail.BadRequest("ttl must be zero or a positive number of seconds.");
        }

        hubs[hub].AddUserToGroup(group, user, ttl is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
        return Succeeded(StatusCodes.Status200OK);
    }

    public IResult RemoveUserFromGroup(string hub, string group, string user, HubRegistry hubs)
    {
        hubs[hub].RemoveUserFromGroup(group, user);
        return Succeeded(StatusCodes.Status204NoContent);
    }

    public IResult RemoveUserFromAllGroups(string hub, string user, HubRegistry hubs)
    {
        hubs[hub].RemoveUserFromAllGroups(user);
        return Succeeded(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> SendAsync(
        HttpRequest request, MessageSender sender, Func<IReadOnlyList<string>> recipients, CancellationToken cancellationToken)
    {
        var (message, error) = await PayloadMessage.ReadAsync(request, cancellationToken);
        if (message is null)
        {
            return ErrorDetail.BadRequest(error!);
        }

        await sender.SendAsync(recipients(), message, cancellationToken);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static Exclusions ExclusionsOf(string[]? connectionIds, string[]? userIds) =>
        connectionIds is null && userIds is null
            ? Exclusions.None
            : new Exclusions(new HashSet<string>(connectionIds ?? [], StringComparer.Ordinal), new HashSet<string>(userIds ?? [], StringComparer.Ordinal));

    /// <summary>The service answers 204 whether or not there was anything to close.</summary>
    private static IResult CloseConnections(HubConnections connections, IReadOnlyList<string> connectionIds)
    {
        foreach (var connectionId in connectionIds)
        {
            connections.Find(connectionId)?.Context.Abort();
        }

        return Results.NoContent();
    }

    private static IResult Exists(bool exists) => exists ? Results.Ok() : Results.NotFound();

    private static IResult ConnectionNotFound(string connectionId) => ErrorDetail.NotFound($"Connection '{connectionId}' is not connected to this hub.");

    // v1 accepts every operation with 202; 2022-06-01 reports the outcome (the swagger's codes per operation).
    private IResult Succeeded(int statusCode) =>
        Results.StatusCode(version == RestApiVersion.V1 ? StatusCodes.Status202Accepted : statusCode);
}
