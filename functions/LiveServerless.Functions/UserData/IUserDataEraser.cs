namespace LiveServerless.Functions.UserData;

/// <summary>
/// A store that keeps data about users, and so takes part in every erasure. Each such store implements it and is registered with
/// <see cref="UserDataRegistration.AddUserData{TStore}"/>; the erasure job runs them all in registration order, records each by
/// <see cref="Store"/> as it is done, and retries one that failed. The erasure needs nothing else from the store, and the store
/// nothing from the erasure: a new store joins by implementing this, as a stream handler joins by implementing
/// <c>IInteractionBatchHandler</c>.
/// </summary>
public interface IUserDataEraser
{
    /// <summary>The store's name in the erasure's progress (<c>GET /api/erasures/{userId}</c> lists them): part of the contract.</summary>
    string Store { get; }

    /// <summary>Removes or anonymises what the store keeps about the user. Idempotent: a retried erasure calls it again.</summary>
    Task EraseUserAsync(string tenantId, string userId, CancellationToken cancellationToken);
}
