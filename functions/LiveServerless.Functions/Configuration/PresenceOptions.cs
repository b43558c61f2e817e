namespace LiveServerless.Functions.Configuration;

[SettingsSection(Section)]
public sealed class PresenceOptions
{
    public const string Section = "Presence";

    /// <summary>
    /// How many seconds of server-measured watch time a viewer's heartbeats let build up before publishing it as one watch event
    /// (a leave or the presence sweep publishes the rest). Smaller is fresher and costs more events; at least 1.
    /// </summary>
    public int WatchCreditSeconds { get; set; } = 60;
}
