using System.Runtime.InteropServices;

namespace LiveServerless.Emulators;

/// <summary>
/// The part of both emulators' stand-alone programs that is the same: print how to connect, run until Ctrl+C or SIGTERM, then stop
/// (closing the clients' connections). Linked into each emulator project, so each stays one package with no shared assembly.
/// </summary>
internal static class StandAlone
{
    /// <summary>The exit code of a refused command line or option.</summary>
    public const int InvalidArguments = 2;

    public static async Task<int> RunUntilStoppedAsync(string connectionString, Func<Task> stopAsync)
    {
        Console.WriteLine($"Connection string: {connectionString}");
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stopping.Task;
        await stopAsync();
        return 0;

        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stopping.TrySetResult();
        }
    }

    public static int Refuse(string message, string? usage = null)
    {
        Console.Error.WriteLine(message);
        if (usage is not null)
        {
            Console.Error.WriteLine(usage);
        }

        return InvalidArguments;
    }
}
