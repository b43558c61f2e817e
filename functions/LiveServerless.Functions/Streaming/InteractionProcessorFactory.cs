using Azure.Core;
using LiveServerless.Functions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveServerless.Functions.Streaming;

/// <summary>Builds processor instances from configuration (one per host; tests build several to prove load balancing).</summary>
public sealed class InteractionProcessorFactory(
    IOptions<EventHubsOptions> options,
    TokenCredential credential,
    IOptions<ProcessorOptions> settings,
    TableCheckpointStore checkpoints,
    InteractionPipeline pipeline,
    StreamMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public EventHubsOptions Options => options.Value;

    public InteractionProcessor Create(string? identifier = null) => InteractionProcessor.Create(
        new ProcessorServices(checkpoints, pipeline, metrics, time, loggers.CreateLogger<InteractionProcessor>()), settings.Value, options.Value, credential, identifier);
}
