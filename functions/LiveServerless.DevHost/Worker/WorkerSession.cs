using System.Diagnostics;

namespace LiveServerless.DevHost.Worker;

/// <summary>A running worker process whose stream is initialised and whose functions are loaded: what invocations go to.</summary>
public sealed class WorkerSession(Process process, WorkerConnection connection, Uri httpUri, IReadOnlyList<WorkerFunction> functions)
{
    private readonly Dictionary<string, WorkerFunction> _byName = functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public Process Process { get; } = process;

    public WorkerConnection Connection { get; } = connection;

    /// <summary>Where the worker's ASP.NET Core integration listens (its <c>HttpUri</c> capability).</summary>
    public Uri HttpUri { get; } = httpUri;

    public IReadOnlyList<WorkerFunction> Functions { get; } = functions;

    public WorkerFunction Function(string name) =>
        _byName.TryGetValue(name, out var function) ? function : throw new WorkerUnavailableException($"The worker has no function '{name}' loaded.");
}
