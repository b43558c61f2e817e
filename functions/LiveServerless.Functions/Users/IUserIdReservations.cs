namespace LiveServerless.Functions.Users;

/// <summary>
/// Whether a user id may be taken now. The erasure job implements it: an id whose erasure still runs cannot be re-created until the
/// job is done, so nothing of the erased user is inherited. Users asks through this seam so it needs nothing else of erasure.
/// </summary>
public interface IUserIdReservations
{
    /// <summary>Throws a conflict while an erasure of <paramref name="userId"/> runs.</summary>
    Task RequireNotErasingAsync(string tenantId, string userId, CancellationToken cancellationToken);
}
