namespace LiveServerless.Functions.Configuration;

[SettingsSection(Section)]
public sealed class CosmosOptions
{
    public const string Section = "Cosmos";

    /// <summary>Local: the cosmosdb-server connection string with its well-known development key.</summary>
    [SettingScope(SettingScope.LocalOnly)]
    public string? ConnectionString { get; set; }

    /// <summary>Azure: the account endpoint, used with the managed identity (Cosmos SQL data-plane role).</summary>
    [SettingScope(SettingScope.AzureOnly)]
    public Uri? AccountEndpoint { get; set; }

    public string DatabaseName { get; set; } = "liveserverless";

    /// <summary>Create the database and containers at startup. Locally only: in Azure, Bicep owns them and data-plane RBAC cannot create them.</summary>
    [SettingScope(SettingScope.LocalOnly)]
    public bool EnsureCreated { get; set; }
}
