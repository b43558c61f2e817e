namespace LiveServerless.Functions.Configuration;

[SettingsSection(Section)]
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The same floor infra/main.bicep puts on the adminApiKey parameter: a short key is guessable.</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>The bootstrap key that may create tenants and issue partner keys. Sent as X-Api-Key.</summary>
    public string ApiKey { get; set; } = "";
}
