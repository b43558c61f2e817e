using System.Collections.Concurrent;
using System.Diagnostics;
using LiveServerless.DevHost.Local;

namespace LiveServerless.Benchmarks.FanOut;

/// <summary>
/// A server the fan-out run starts and therefore stops: its output is kept (the last lines, shown when it fails to start),
/// and stopping it kills its whole process tree (DevHost's worker, Azurite and cosmosdb-server included).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;

    private readonly ConcurrentQueue<string> _lastLines = new();

    private ServerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public static ServerProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var server = new ServerProcess(name, process);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public async Task WaitUntilListeningAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Ports.WaitUntilOpenAsync("127.0.0.1", port, timeout, () => _process.HasExited, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"{Name} did not start: {e.Message}\n{RecentOutput()}", e);
        }
    }

    /// <summary>Throws with the server's last output lines when it has exited (a crash mid-run must not look like slowness).</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{RecentOutput()}");
        }
    }

    public string RecentOutput() => string.Join('\n', _lastLines);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        _lastLines.Enqueue(line);
        while (_lastLines.Count > KeptLines && _lastLines.TryDequeue(out _))
        {
        }
    }
}
