using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using LiveServerless.Functions;
using LiveServerless.Functions.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LiveServerless.Operations.Tests;

// Shares a collection with TraceContextTests: both observe the process-wide ActivitySource listeners.
[Collection("Activity listeners")]
public sealed class TelemetrySetupTests
{
    [Fact]
    public void TheApp_RegistersTracingOfItsOwnSpans_AndMetricsOfItsOwnMeters()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddLogging();
        services.AddLiveServerless();
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
        Assert.True(Telemetry.Source.HasListeners(), "the tracer provider must listen to the app's ActivitySource");
    }

    [Fact]
    public void AzureMonitorExport_AuthenticatesAsTheAppIdentity()
    {
        var options = new AzureMonitorExporterOptions();

        TelemetrySetup.ConfigureAzureMonitor(options, "InstrumentationKey=00000000-0000-0000-0000-000000000000", "11111111-2222-3333-4444-555555555555");

        Assert.Equal("InstrumentationKey=00000000-0000-0000-0000-000000000000", options.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(options.Credential);
    }

    [Fact]
    public void WithoutAnIdentity_TheExporterUsesTheConnectionStringAlone()
    {
        var options = new AzureMonitorExporterOptions();

        TelemetrySetup.ConfigureAzureMonitor(options, "InstrumentationKey=00000000-0000-0000-0000-000000000000", null);

        Assert.Null(options.Credential);
    }
}
