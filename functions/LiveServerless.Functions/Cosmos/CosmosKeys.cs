namespace LiveServerless.Functions.Cosmos;

/// <summary>
/// Partition keys and ids of Cosmos DB documents. Ids are unique only within a tenant, so every key is tenant-qualified:
/// "tenant:id" (':' never occurs in ids, so this is unambiguous). Stored documents carry this form; it must not change.
/// </summary>
public static class CosmosKeys
{
    public static string Scoped(string tenantId, string id) => $"{tenantId}:{id}";
}
