namespace LiveServerless.Functions.Configuration;

[SettingsSection(Section)]
public sealed class SignalROptions
{
    public const string Section = "SignalR";

    /// <summary>Endpoint=...;AccessKey=...;Version=1.0; (plus Port= locally). In Azure a Key Vault reference.</summary>
    public string ConnectionString { get; set; } = "";

    public string HubName { get; set; } = "live";
}
