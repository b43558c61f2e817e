namespace LiveServerless.Functions.Configuration;

[SettingsSection(Section)]
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The bootstrap key that may create tenants and issue partner keys. Sent as X-Api-Key.</summary>
    public string ApiKey { get; set; } = "";
}
