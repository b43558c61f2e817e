using System.Diagnostics;

namespace LiveServerless.Functions;

/// <summary>Names of the app's metrics and traces, so dashboards and alerts have one place to look them up.</summary>
public static class Telemetry
{
    public const string MeterName = "LiveServerless";

    public const string ActivitySourceName = "LiveServerless";

    /// <summary>The app's own spans: publishing interactions and processing a batch of them.</summary>
    public static ActivitySource Source { get; } = new(ActivitySourceName);
}
