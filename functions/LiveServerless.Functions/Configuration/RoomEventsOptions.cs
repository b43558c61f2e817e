namespace LiveServerless.Functions.Configuration;

[SettingsSection(Section)]
public sealed class RoomEventsOptions
{
    public const string Section = "RoomEvents";

    /// <summary>
    /// A room's events are pushed as one <c>roomEvents</c> message per this many milliseconds at most (the first after a quiet spell
    /// goes at once). Larger windows cost fewer outbound SignalR messages in busy rooms and add up to this much latency; 0 pushes
    /// every commit as it happens. Between 0 and 5000.
    /// </summary>
    public int BatchWindowMilliseconds { get; set; } = 100;
}
