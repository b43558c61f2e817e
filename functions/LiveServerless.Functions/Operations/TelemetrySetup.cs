using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LiveServerless.Functions.Operations;

/// <summary>
/// OpenTelemetry in the worker: the Functions invocation spans, the app's own spans (publish → process), the Azure SDKs' spans
/// (Event Hubs, Cosmos DB, Tables), outgoing HTTP (SignalR's REST API) and the app's meters. Exported to Azure Monitor when the platform sets
/// APPLICATIONINSIGHTS_CONNECTION_STRING; logs then carry the trace and span ids, so one request's logs and spans line up.
/// </summary>
public static class TelemetrySetup
{
    public const string ConnectionStringVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    // The Azure SDKs publish ActivitySource spans only behind this switch (otherwise only DiagnosticListener events).
    private const string AzureSdkActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        AppContext.SetSwitch(AzureSdkActivitySourceSwitch, true);

        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing
                .AddSource(Telemetry.ActivitySourceName)
                .AddSource("Azure.*")
                // Outgoing HTTP, e.g. the SignalR REST calls.
                .AddSource("System.Net.Http"))
            .WithMetrics(metrics => metrics.AddMeter(Telemetry.MeterName));

        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } connectionString)
        {
            telemetry.UseAzureMonitorExporter(options => ConfigureAzureMonitor(options, connectionString, Environment.GetEnvironmentVariable("ManagedIdentity__ClientId")));
        }

        services.AddHostedService<MeterSummary>();
        return services;
    }

    /// <summary>
    /// The component accepts Entra ID-authenticated telemetry only (infra/modules/monitoring.bicep): send it as the app's
    /// user-assigned identity, which holds Monitoring Metrics Publisher on it.
    /// </summary>
    public static void ConfigureAzureMonitor(AzureMonitorExporterOptions options, string connectionString, string? managedIdentityClientId)
    {
        options.ConnectionString = connectionString;
        if (managedIdentityClientId is { Length: > 0 })
        {
            options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId));
        }
    }
}
