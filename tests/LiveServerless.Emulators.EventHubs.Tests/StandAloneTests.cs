using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;
using LiveServerless.Tests;

namespace LiveServerless.Emulators.EventHubs.Tests;

/// <summary>The emulator as its own program, started the way its README says (here from its build output, as `dotnet run` does).</summary>
public sealed class StandAloneTests(ITestOutputHelper output) : EmulatorTest(output)
{
    private const string Project = "LiveServerless.Emulators.EventHubs";

    [Fact]
    public async Task Program_WithHubAndConsumerGroupArguments_ServesTheSdkUntilTerminated()
    {
        using var program = StandAloneProgram.Start(Project, "--port", "0", "--hub", "orders:2", "--consumer-group", "billing");

        var connectionString = await program.ReadConnectionStringAsync(Output.WriteLine);
        await using (var producer = new EventHubProducerClient(connectionString, "orders", new EventHubProducerClientOptions { RetryOptions = FastRetries }))
        await using (var consumer = new EventHubConsumerClient("billing", connectionString, "orders", new EventHubConsumerClientOptions { RetryOptions = FastRetries }))
        {
            Assert.Equal(["0", "1"], await consumer.GetPartitionIdsAsync(Deadline));
            await producer.SendAsync([Event("order-1")], new SendEventOptions { PartitionId = "1" }, Deadline);
            Assert.Equal("order-1", Assert.Single(await ReadAsync(consumer, "1", EventPosition.Earliest, 1)).EventBody.ToString());
        }

        Assert.Equal(0, await program.TerminateAsync());
    }

    [Fact]
    public async Task Program_WithAMalformedArgument_ExitsWithUsage()
    {
        using var program = StandAloneProgram.Start(Project, "--hub", "orders");

        var (errors, exitCode) = await program.ExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains("must be <name>:<partitions>", errors, StringComparison.Ordinal);
        Assert.Contains("Usage: eventhubs-emulator", errors, StringComparison.Ordinal);
    }
}
