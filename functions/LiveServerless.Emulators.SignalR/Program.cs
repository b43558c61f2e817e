using System.Runtime.InteropServices;
using LiveServerless.Emulators.SignalR;
using Microsoft.Extensions.Logging;

// The stand-alone emulator: runs until Ctrl+C or SIGTERM, then closes its clients' connections and stops.
CommandLine commandLine;
try
{
    commandLine = CommandLine.Parse(args);
}
catch (FormatException invalid)
{
    Console.Error.WriteLine(invalid.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
SignalREmulator emulator;
try
{
    emulator = await SignalREmulator.StartAsync(commandLine.Options, loggers);
}
catch (ArgumentException invalid)
{
    Console.Error.WriteLine(invalid.Message);
    return 2;
}

await using var running = emulator;
Console.WriteLine($"Connection string: {emulator.ConnectionString}");

var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stopping.Task;
await emulator.StopAsync();
return 0;

void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stopping.TrySetResult();
}
