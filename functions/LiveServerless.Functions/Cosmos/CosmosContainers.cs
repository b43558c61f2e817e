namespace LiveServerless.Functions.Cosmos;

/// <summary>A Cosmos DB container the app uses and its partition key path. infra/ declares the same list.</summary>
public sealed record CosmosContainer(string Name, string PartitionKeyPath);

/// <summary>
/// Every container, in one place. Partition keys are tenant-qualified values (e.g. "tenant:room"), because ids are only unique
/// within a tenant; the path names say what the value identifies.
/// </summary>
public static class CosmosContainers
{
    public static readonly CosmosContainer RoomStats = new("roomStats", "/roomId");

    public static readonly CosmosContainer SeenEvents = new("seenEvents", "/userId");

    public static readonly CosmosContainer Profiles = new("profiles", "/userId");

    public static readonly CosmosContainer Recommendations = new("recommendations", "/userId");

    public static readonly CosmosContainer CoEngagement = new("coEngagement", "/hostUserId");

    /// <summary>A campaign's delivery state (spend, leases, counts, pacing); the campaign itself is a row of the campaigns table.</summary>
    public static readonly CosmosContainer CampaignDelivery = new("campaignDelivery", "/campaignId");

    /// <summary>One viewer's served ads and frequency counts.</summary>
    public static readonly CosmosContainer AdLedgers = new("adLedgers", "/userId");

    public static IReadOnlyList<CosmosContainer> All { get; } = [RoomStats, SeenEvents, Profiles, Recommendations, CoEngagement, CampaignDelivery, AdLedgers];
}
