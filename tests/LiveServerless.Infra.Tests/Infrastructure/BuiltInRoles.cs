namespace LiveServerless.Infra.Tests.Infrastructure;

/// <summary>Built-in role definition GUIDs, kept independently of infra/main.bicep so that a wrong GUID there fails a test.</summary>
public static class BuiltInRoles
{
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string EventHubsDataSender = "2b629674-e913-4c01-ae53-ef4638d8f975";
    public const string EventHubsDataReceiver = "a638d3c7-ab3a-418d-83e6-5f17a39d4fde";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string SignalRRestApiOwner = "fd53cd77-2268-407a-8f46-7e7863d0f521";
    public const string SignalRAppServer = "420fcaa2-552c-430f-98ca-3264be4806c7";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    /// <summary>Cosmos DB data-plane (SQL) role, not an Azure RBAC role.</summary>
    public const string CosmosDataContributor = "00000000-0000-0000-0000-000000000002";
}
