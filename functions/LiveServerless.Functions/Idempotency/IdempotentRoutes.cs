namespace LiveServerless.Functions.Idempotency;

/// <summary>
/// The functions that create something with POST: an <c>Idempotency-Key</c> there makes a retry safe (<see cref="IdempotencyMiddleware"/>).
/// A new creating POST is added here (a test holds the list to every POST route that answers 201).
/// </summary>
public static class IdempotentRoutes
{
    public static IReadOnlySet<string> Functions { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "CreateTenant",
        "IssueKey",
        "CreateUser",
        "CreateRoom",
        "CreateCampaign",
        "CreditWallet",
        "CreateWebhook",
    };
}
