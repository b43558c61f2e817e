namespace LiveServerless.Domain.Tenants;

/// <summary>What a partner key may do. A key carries one or more scopes; each route demands exactly one.</summary>
public enum PartnerScope
{
    Users,
    Rooms,
    Moderation,
    Ads,
    Reports,

    /// <summary>Money: the gift catalog, wallet credits, balances and statements.</summary>
    Economy,

    /// <summary>Webhook subscriptions, their delivery log and retries.</summary>
    Webhooks,
}
