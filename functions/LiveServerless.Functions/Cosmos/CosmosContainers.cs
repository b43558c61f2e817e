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

    public static readonly CosmosContainer Campaigns = new("campaigns", "/campaignId");

    public static readonly CosmosContainer CampaignDelivery = new("campaignDelivery", "/campaignId");

    public static IReadOnlyList<CosmosContainer> All { get; } = [RoomStats, SeenEvents, Profiles, Recommendations, CoEngagement, Campaigns, CampaignDelivery];
}
