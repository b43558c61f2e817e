using System.Globalization;

namespace LiveServerless.Benchmarks.FanOut;

/// <summary>
/// CPU time used by each process of a server's tree and by the generator between two snapshots, read from /proc (Linux):
/// the profile that says which process bounds a run on a 2-core machine. Elsewhere it reports the generator only.
/// </summary>
public sealed class CpuSplit
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the project runs on

    private readonly int _root;

    private readonly Dictionary<int, (string Name, double Seconds)> _start;

    private readonly TimeSpan _generatorStart;

    private readonly DateTime _startedAt;

    private CpuSplit(int root)
    {
        _root = root;
        _start = Snapshot(root);
        _generatorStart = Environment.CpuUsage.TotalTime;
        _startedAt = DateTime.UtcNow;
    }

    public static CpuSplit Start(int serverProcessId) => new(serverProcessId);

    /// <summary>"generator 12.1 s, DevHost 8.0 s, …" over the wall time since <see cref="Start"/>, biggest first.</summary>
    public string Report()
    {
        var wall = DateTime.UtcNow - _startedAt;
        var used = new Dictionary<string, double> { ["generator"] = (Environment.CpuUsage.TotalTime - _generatorStart).TotalSeconds };
        foreach (var (pid, (name, seconds)) in Snapshot(_root))
        {
            var before = _start.TryGetValue(pid, out var start) ? start.Seconds : 0;
            used[name] = used.GetValueOrDefault(name) + seconds - before;
        }

        var parts = used.Where(p => p.Value >= 0.05).OrderByDescending(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.0} s"));
        return string.Create(CultureInfo.InvariantCulture, $"CPU over {wall.TotalSeconds:0.0} s wall (2 cores = {2 * wall.TotalSeconds:0} core-s): {string.Join(", ", parts)}");
    }

    private static Dictionary<int, (string Name, double Seconds)> Snapshot(int root)
    {
        var result = new Dictionary<int, (string, double)>();
        if (!OperatingSystem.IsLinux() || root == 0)
        {
            return result;
        }

        var parents = new Dictionary<int, int>();
        var times = new Dictionary<int, double>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !TryReadStat(pid, out var parent, out var seconds))
            {
                continue;
            }

            parents[pid] = parent;
            times[pid] = seconds;
        }

        foreach (var (pid, seconds) in times)
        {
            if (IsUnder(pid, root, parents))
            {
                result[pid] = (Describe(pid, root), seconds);
            }
        }

        return result;
    }

    private static bool IsUnder(int pid, int root, Dictionary<int, int> parents)
    {
        for (var current = pid; current > 1; current = parents.GetValueOrDefault(current))
        {
            if (current == root)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>utime + stime of a process; the fields after the command name, which may itself hold spaces and parentheses.</summary>
    private static bool TryReadStat(int pid, out int parent, out double seconds)
    {
        parent = 0;
        seconds = 0;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            seconds = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return false; // gone in the meantime
        }
    }

    private static string Describe(int pid, int root)
    {
        string commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "other";
        }

        return commandLine switch
        {
            _ when pid == root && commandLine.Contains(FanOutHost.Switch, StringComparison.Ordinal) => "DevHost + SignalR/Event Hubs emulators",
            _ when commandLine.Contains("LiveServerless.Functions", StringComparison.Ordinal) => "worker",
            _ when commandLine.Contains("azurite", StringComparison.Ordinal) => "Azurite",
            _ when commandLine.Contains("cosmosdb-server", StringComparison.Ordinal) => "cosmosdb-server",
            _ when commandLine.Contains("flask_socketio_chat", StringComparison.Ordinal) => "Flask-SocketIO server",
            _ when commandLine.Contains("socketio_chat.js", StringComparison.Ordinal) => "socket.io server",
            _ => Path.GetFileName(commandLine.Split(' ')[0]),
        };
    }
}
