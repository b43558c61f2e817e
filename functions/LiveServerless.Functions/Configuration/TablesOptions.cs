namespace LiveServerless.Functions.Configuration;

[SettingsSection(Section)]
public sealed class TablesOptions
{
    public const string Section = "Tables";

    /// <summary>Local: a connection string (Azurite's UseDevelopmentStorage=true).</summary>
    [SettingScope(SettingScope.LocalOnly)]
    public string? ConnectionString { get; set; }

    /// <summary>Azure: the table endpoint, used with the managed identity.</summary>
    [SettingScope(SettingScope.AzureOnly)]
    public Uri? ServiceUri { get; set; }
}
