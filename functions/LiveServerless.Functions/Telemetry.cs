namespace LiveServerless.Functions;

/// <summary>Names of the app's metrics and traces, so dashboards and alerts have one place to look them up.</summary>
public static class Telemetry
{
    public const string MeterName = "LiveServerless";
}
