using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace LiveServerless.DevHost.Local;

/// <summary>A process DevHost started and therefore stops, with its output forwarded to the log.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int SignalTerminate = 15;

    private static readonly TimeSpan _stopGracePeriod = TimeSpan.FromSeconds(10);

    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, ILogger logger)
    {
        var startInfo = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.OutputDataReceived += (_, e) => LogLine(logger, LogLevel.Debug, e.Data);
        process.ErrorDataReceived += (_, e) => LogLine(logger, LogLevel.Warning, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process);
    }

    /// <summary>
    /// Asks the process to stop (SIGTERM, where there are signals), so that Azurite writes what it holds in memory to disk,
    /// and kills it if it has not exited within a few seconds.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows() || Terminate(_process.Id, SignalTerminate) != 0)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var grace = new CancellationTokenSource(_stopGracePeriod);
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Terminate(int processId, int signal);

    private static void LogLine(ILogger logger, LogLevel level, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
#pragma warning disable CA2254 // The child's own line is the message; it has no template.
            logger.Log(level, line);
#pragma warning restore CA2254
        }
    }
}
