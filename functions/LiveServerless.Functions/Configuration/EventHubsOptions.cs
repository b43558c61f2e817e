namespace LiveServerless.Functions.Configuration;

[SettingsSection(Section)]
public sealed class EventHubsOptions
{
    public const string Section = "EventHubs";

    /// <summary>Local: the Event Hubs emulator's connection string (UseDevelopmentEmulator=true).</summary>
    [SettingScope(SettingScope.LocalOnly)]
    public string? ConnectionString { get; set; }

    /// <summary>Azure: e.g. myns.servicebus.windows.net, used with the managed identity.</summary>
    [SettingScope(SettingScope.AzureOnly)]
    public string? FullyQualifiedNamespace { get; set; }

    public string HubName { get; set; } = "interactions";

    public string ConsumerGroup { get; set; } = "processor";
}
