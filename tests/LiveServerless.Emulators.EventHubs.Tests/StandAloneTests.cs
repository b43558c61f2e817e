using System.Diagnostics;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;

namespace LiveServerless.Emulators.EventHubs.Tests;

/// <summary>The emulator as its own program, started the way its README says (here from its build output, as `dotnet run` does).</summary>
public sealed class StandAloneTests(ITestOutputHelper output) : EmulatorTest(output)
{
    private const string ConnectionStringLine = "Connection string: ";

    [Fact]
    public async Task Program_WithHubAndConsumerGroupArguments_ServesTheSdkUntilTerminated()
    {
        using var program = StartProgram("--port", "0", "--hub", "orders:2", "--consumer-group", "billing");
        try
        {
            await ServeAndTerminateAsync(program);
        }
        finally
        {
            if (!program.HasExited)
            {
                program.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Program_WithAMalformedArgument_ExitsWithUsage()
    {
        using var program = StartProgram("--hub", "orders");

        var errors = await program.StandardError.ReadToEndAsync(Deadline);
        await program.WaitForExitAsync(Deadline);

        Assert.Equal(2, program.ExitCode);
        Assert.Contains("must be <name>:<partitions>", errors, StringComparison.Ordinal);
        Assert.Contains("Usage: eventhubs-emulator", errors, StringComparison.Ordinal);
    }

    private async Task ServeAndTerminateAsync(Process program)
    {
        var connectionString = await ReadConnectionStringAsync(program);
        await using (var producer = new EventHubProducerClient(connectionString, "orders", new EventHubProducerClientOptions { RetryOptions = FastRetries }))
        await using (var consumer = new EventHubConsumerClient("billing", connectionString, "orders", new EventHubConsumerClientOptions { RetryOptions = FastRetries }))
        {
            Assert.Equal(["0", "1"], await consumer.GetPartitionIdsAsync(Deadline));
            await producer.SendAsync([Event("order-1")], new SendEventOptions { PartitionId = "1" }, Deadline);
            Assert.Equal("order-1", Assert.Single(await ReadAsync(consumer, "1", EventPosition.Earliest, 1)).EventBody.ToString());
        }

        Terminate(program);
        await program.WaitForExitAsync(Deadline);
        Assert.Equal(0, program.ExitCode);
    }

    private static Process StartProgram(params string[] arguments)
    {
        // The emulator's own build output (artifacts/bin/<project>/<configuration>/), a sibling of this test project's.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var program = Path.Combine(testOutput.Parent!.Parent!.FullName, "LiveServerless.Emulators.EventHubs", testOutput.Name, "LiveServerless.Emulators.EventHubs.dll");
        Assert.True(File.Exists(program), $"The emulator's program is missing at {program}.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
    }

    private async Task<string> ReadConnectionStringAsync(Process program)
    {
        while (await program.StandardOutput.ReadLineAsync(Deadline) is { } line)
        {
            Output.WriteLine(line);
            if (line.StartsWith(ConnectionStringLine, StringComparison.Ordinal))
            {
                return line[ConnectionStringLine.Length..];
            }
        }

        throw new InvalidOperationException($"The emulator exited without serving: {await program.StandardError.ReadToEndAsync(Deadline)}");
    }

    /// <summary>SIGTERM, as a service manager or Ctrl+C would stop it; the emulator closes its connections and exits 0.</summary>
    private static void Terminate(Process program) => Assert.Equal(0, Kill(program.Id, Signal: 15));

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int Signal);
}
