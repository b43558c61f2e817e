using LiveServerless.Functions.Resilience;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveServerless.Functions.Streaming;

/// <summary>
/// Hosts the stream processor inside the worker (and DevHost) for the lifetime of the process. This is why the Azure plan must
/// keep an instance always ready: a consumption plan that scales to zero would stop consuming the stream.
/// </summary>
public sealed partial class InteractionProcessorHost(InteractionProcessorFactory factory, TimeProvider time, ILogger<InteractionProcessorHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var processor = factory.Create();
        var startUntilRunning = Retries.StartUntilRunning(time, (exception, delay) => LogStartFailed(exception, delay));
        try
        {
            await startUntilRunning.ExecuteAsync(async token => await processor.StartProcessingAsync(token), stoppingToken);
            LogStarted(processor.EventHubName, processor.ConsumerGroup, processor.Identifier);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: stop below, which lets in-flight batches finish and checkpoint.
        }

        await processor.StopProcessingAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream processor started on hub {Hub}, consumer group {ConsumerGroup}, as {Identifier}")]
    private partial void LogStarted(string hub, string consumerGroup, string identifier);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream processor could not start; retrying in {Delay}")]
    private partial void LogStartFailed(Exception exception, TimeSpan delay);
}
