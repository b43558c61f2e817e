using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LiveServerless.Tests;

/// <summary>
/// An emulator run as its own program, the way its README says (from its build output, as <c>dotnet run</c> does), for the
/// emulators' stand-alone tests (linked into each as a source file).
/// </summary>
internal sealed class StandAloneProgram : IDisposable
{
    private const string ConnectionStringLine = "Connection string: ";

    private const int SigTerm = 15;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private StandAloneProgram(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>Starts <paramref name="project"/>'s program, a sibling of this test project's build output (artifacts/bin/&lt;project&gt;/&lt;configuration&gt;/).</summary>
    public static StandAloneProgram Start(string project, params string[] arguments)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var program = Path.Combine(testOutput.Parent!.Parent!.FullName, project, testOutput.Name, project + ".dll");
        Assert.True(File.Exists(program), $"The emulator's program is missing at {program}.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new StandAloneProgram(Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet."));
    }

    /// <summary>The connection string the program prints once it serves (every line it printed before goes to <paramref name="log"/>).</summary>
    public async Task<string> ReadConnectionStringAsync(Action<string>? log = null)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (await Process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            log?.Invoke(line);
            if (line.StartsWith(ConnectionStringLine, StringComparison.Ordinal))
            {
                return line[ConnectionStringLine.Length..];
            }
        }

        throw new InvalidOperationException($"The emulator exited without serving: {await Process.StandardError.ReadToEndAsync(timeout.Token)}");
    }

    /// <summary>What it wrote to standard error before exiting, and its exit code (a refused command line).</summary>
    public async Task<(string Errors, int ExitCode)> ExitAsync()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var errors = await Process.StandardError.ReadToEndAsync(timeout.Token);
        await Process.WaitForExitAsync(timeout.Token);
        return (errors, Process.ExitCode);
    }

    /// <summary>SIGTERM, as a service manager or Ctrl+C would stop it; the emulator closes its connections and exits (0).</summary>
    public async Task<int> TerminateAsync()
    {
        Assert.Equal(0, Kill(Process.Id, SigTerm));
        using var timeout = new CancellationTokenSource(Deadline);
        await Process.WaitForExitAsync(timeout.Token);
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
