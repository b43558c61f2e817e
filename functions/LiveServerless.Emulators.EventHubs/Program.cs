using LiveServerless.Emulators;
using LiveServerless.Emulators.EventHubs;
using Microsoft.Extensions.Logging;

// The stand-alone emulator: runs until Ctrl+C or SIGTERM, then closes its clients' connections and stops.
CommandLine commandLine;
try
{
    commandLine = CommandLine.Parse(args);
}
catch (FormatException invalid)
{
    return StandAlone.Refuse(invalid.Message, CommandLine.Usage);
}

using var loggers = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(commandLine.Verbose ? LogLevel.Debug : LogLevel.Information));
EventHubsEmulator emulator;
try
{
    emulator = await EventHubsEmulator.StartAsync(commandLine.Options, loggers);
}
catch (ArgumentException invalid)
{
    return StandAlone.Refuse(invalid.Message);
}

await using var running = emulator;
return await StandAlone.RunUntilStoppedAsync(emulator.ConnectionString, () => emulator.StopAsync());
