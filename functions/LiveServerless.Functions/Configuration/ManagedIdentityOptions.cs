namespace LiveServerless.Functions.Configuration;

[SettingsSection(Section)]
public sealed class ManagedIdentityOptions
{
    public const string Section = "ManagedIdentity";

    /// <summary>Client id of the user-assigned managed identity used for every identity-based connection in Azure.</summary>
    [SettingScope(SettingScope.AzureOnly)]
    public string? ClientId { get; set; }
}
